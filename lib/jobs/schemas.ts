import { z } from "zod";

/** A job id as the registry spells them: `rate-limit-cleanup`. */
export const ZJobId = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, "not a job id");
export type TJobId = z.infer<typeof ZJobId>;

/** The "run now" form of the System area. Not strict: a form posted before hydration also
 *  carries React's own `$ACTION_…` fields. */
export const ZRunJobNow = z.object({ jobId: ZJobId });
export type TRunJobNow = z.infer<typeof ZRunJobNow>;
