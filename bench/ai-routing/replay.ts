// Calibration replay: inputs re-run against whatever providers the environment configures (the real
// ones when their keys are set), both tiers for every input, through the router's production path —
// scrubbing, budget, call log — with `onlyTier`, so nothing escalates on its own. The routing
// decision is then replayed offline at each threshold: which answers the small model would have
// kept, what that costs, and how often it is right compared with always asking the large model.
import { z } from "zod";

import type { OrgContext } from "@/lib/db";
import { routeAi, type RouterOptions } from "@/lib/ai/router";
import { getUseCase, SMALL_FIRST_USE_CASES, type TSmallFirstUseCase } from "@/lib/ai/use-cases";

/** One input to replay. `expected` is its true label; without it the large model's answer is the reference. */
export const ZReplayItem = z.strictObject({
  useCase: z.enum(SMALL_FIRST_USE_CASES),
  input: z.unknown(),
  expected: z.string().optional(),
});
export type TReplayItem = z.infer<typeof ZReplayItem>;

/** Lines of `{useCase, input, expected?}` (JSON Lines); a bad line is named by its number. */
export function parseReplayFile(text: string): TReplayItem[] {
  return text.split("\n").flatMap((line, i) => {
    if (line.trim() === "") return [];
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`line ${i + 1}: not JSON`);
    }
    const parsed = ZReplayItem.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`line ${i + 1}: ${issue.path.join(".") || "item"}: ${issue.message}`);
    }
    return [parsed.data];
  });
}

interface TierAnswer {
  label: string;
  model: string;
  costEur: number;
}

/** Both tiers' answers to one input. */
export interface Answered {
  item: TReplayItem;
  small: TierAnswer & { confidence: number };
  large: TierAnswer;
}
/** An input either tier could not answer is left out of the sweep, with why. */
export type Observation = Answered | { item: TReplayItem; failed: string };

export const isAnswered = (o: Observation): o is Answered => !("failed" in o);

const labelOf = (useCase: TSmallFirstUseCase, output: unknown) =>
  (getUseCase(useCase).label as (o: unknown) => string)(output);

/** Asks the small and the large tier for every item, one item at a time (providers' rate limits). */
export async function observe(
  ctx: OrgContext,
  items: readonly TReplayItem[],
  options: Omit<RouterOptions, "onlyTier"> = {},
  onProgress?: (done: number) => void,
): Promise<Observation[]> {
  const observations: Observation[] = [];
  for (const item of items) {
    try {
      const ask = (tier: "small" | "large") =>
        routeAi(
          ctx,
          { useCase: item.useCase, input: item.input, noCache: true },
          { ...options, onlyTier: tier },
        );
      const small = await ask("small");
      const large = await ask("large");
      observations.push({
        item,
        small: {
          label: labelOf(item.useCase, small.output),
          model: small.model,
          costEur: small.costEur,
          confidence: small.confidence ?? 0,
        },
        large: { label: labelOf(item.useCase, large.output), model: large.model, costEur: large.costEur },
      });
    } catch (error) {
      observations.push({ item, failed: error instanceof Error ? error.message : String(error) });
    }
    onProgress?.(observations.length);
  }
  return observations;
}

export interface SweepRow {
  threshold: number;
  /** Inputs both tiers answered. */
  answered: number;
  /** Share the small model's answer would have been kept. */
  smallShare: number;
  /** Right answers routed / right answers always-large (1 = as good as always-large). */
  quality: number;
  costEur: number;
  alwaysLargeCostEur: number;
  /** 1 − cost / always-large cost. */
  saved: number;
}

/**
 * The routing decision replayed at each threshold: below it the router would have asked the large
 * model after the small one (paying for both), at or above it kept the small answer. Right means
 * the item's expected label, or the large model's label when the item has none.
 */
export function sweep(observations: readonly Observation[], thresholds: readonly number[]): SweepRow[] {
  const answered = observations.filter(isAnswered);
  const reference = (o: Answered) => o.item.expected ?? o.large.label;
  const largeRight = answered.filter((o) => o.large.label === reference(o)).length;
  const alwaysLargeCostEur = answered.reduce((sum, o) => sum + o.large.costEur, 0);
  return thresholds.map((threshold) => {
    let small = 0;
    let right = 0;
    let costEur = 0;
    for (const o of answered) {
      const keep = o.small.confidence >= threshold;
      if (keep) small += 1;
      costEur += o.small.costEur + (keep ? 0 : o.large.costEur);
      if ((keep ? o.small.label : o.large.label) === reference(o)) right += 1;
    }
    return {
      threshold,
      answered: answered.length,
      smallShare: answered.length ? small / answered.length : 0,
      quality: largeRight ? right / largeRight : 0,
      costEur,
      alwaysLargeCostEur,
      saved: alwaysLargeCostEur ? 1 - costEur / alwaysLargeCostEur : 0,
    };
  });
}

/** The sweep as the benchmark prints it. */
export function formatSweep(rows: readonly SweepRow[], current: number): string[] {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return [
    "threshold  answered small  quality vs always-large  cost (EUR)  always-large  saved",
    ...rows.map(
      (r) =>
        `${r.threshold.toFixed(2).padStart(9)}  ${pct(r.smallShare).padStart(14)}  ${pct(r.quality).padStart(23)}  ` +
        `${r.costEur.toFixed(4).padStart(10)}  ${r.alwaysLargeCostEur.toFixed(4).padStart(12)}  ${pct(r.saved).padStart(5)}` +
        (Math.abs(r.threshold - current) < 1e-9 ? "  ← effective threshold" : ""),
    ),
  ];
}
