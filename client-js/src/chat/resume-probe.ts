import type { ResumeAnswerFrame } from "./frames.js";
import { shortId } from "./short-id.js";

/** How long a probe waits for a first answer, and after each `cf_agent_stream_pending`. */
export const PROBE_TIMEOUT_MS = 5_000;
export const PENDING_TIMEOUT_MS = 60_000;

/**
 * One `cf_agent_stream_resume_request` and the wait for its answer (docs/protocol.md#resuming-a-stream):
 * `resuming` (taken whatever its probe id) binds it to a turn, `pending` makes it wait longer, and
 * `resume_none` settles it when it carries this probe's id or none. Gives up after the timeouts.
 */
export class ResumeProbe {
  readonly probeId = shortId();
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #onTimeout: () => void;

  constructor(send: (frame: object) => void, onTimeout: () => void) {
    this.#onTimeout = onTimeout;
    send({ type: "cf_agent_stream_resume_request", probeId: this.probeId });
    this.#arm(PROBE_TIMEOUT_MS);
  }

  /** The server accepted a turn that is not streaming yet: keep waiting. */
  pending(): void {
    this.#arm(PENDING_TIMEOUT_MS);
  }

  /** Whether a `resume_none` settles this probe. */
  settledBy(frame: ResumeAnswerFrame): boolean {
    return frame.probeId === undefined || frame.probeId === this.probeId;
  }

  stop(): void {
    clearTimeout(this.#timer);
  }

  #arm(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#onTimeout, ms);
  }
}
