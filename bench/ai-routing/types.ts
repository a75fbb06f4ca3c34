/** The AI-routing benchmark's item shapes. */
import type { TSmallFirstUseCase, TUseCaseInput } from "@/lib/ai/use-cases";

export type TDifficulty = "easy" | "hard";

/** A generated input with its ground-truth label, before it gets an id. */
export interface Draft<I> {
  input: I;
  /** The label the use case's `label(output)` gives a correct answer. */
  expected: string;
}

/** One labelled benchmark input. */
export type BenchItem<K extends TSmallFirstUseCase = TSmallFirstUseCase> = {
  [U in K]: {
    id: string;
    useCase: U;
    input: TUseCaseInput<U>;
    expected: string;
    difficulty: TDifficulty;
  };
}[K];
