import type { ToolPart } from "./parts";
import { toolName } from "./parts";

/** How each state of a tool call reads, and its tone (which colour the label takes). */
const STATES: Record<string, { label: string; tone: "busy" | "ok" | "warn" | "error" }> = {
  "input-streaming": { label: "preparing", tone: "busy" },
  "input-available": { label: "running", tone: "busy" },
  "approval-requested": { label: "needs approval", tone: "warn" },
  "approval-responded": { label: "approved", tone: "busy" },
  "output-available": { label: "done", tone: "ok" },
  "output-error": { label: "failed", tone: "error" },
  "output-denied": { label: "denied", tone: "error" },
};

function json(value: unknown): string {
  if (value === undefined) return "";
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** A tool call in the transcript: the tool's name, its state, input and output. */
export function ToolCard({
  part,
  onApproval,
}: {
  part: ToolPart;
  onApproval?: (approvalId: string, approved: boolean) => void;
}) {
  const state = STATES[part.state] ?? { label: part.state, tone: "busy" as const };
  const hasInput = part.input !== undefined;
  const hasOutput = part.state === "output-available";
  return (
    <figure className="tool-card" data-testid="tool-card" data-tool={toolName(part)} data-state={part.state}>
      <figcaption className="tool-head">
        <span className="tool-icon" aria-hidden="true">
          ƒ
        </span>
        <code className="tool-name">{toolName(part)}</code>
        <span className={`tool-state tone-${state.tone}`} data-testid="tool-state">
          {state.tone === "busy" && <span className="spinner" aria-hidden="true" />}
          {state.label}
        </span>
      </figcaption>
      <dl className="tool-io">
        {hasInput && (
          <>
            <dt>input</dt>
            <dd>
              <pre data-testid="tool-input">{json(part.input)}</pre>
            </dd>
          </>
        )}
        {hasOutput && (
          <>
            <dt>output</dt>
            <dd>
              <pre data-testid="tool-output">{json(part.output)}</pre>
            </dd>
          </>
        )}
        {part.state === "output-error" && (
          <>
            <dt>error</dt>
            <dd className="tool-error">{part.errorText}</dd>
          </>
        )}
      </dl>
      {part.state === "approval-requested" && part.approval && onApproval && (
        <div className="tool-actions">
          <button
            className="btn btn-primary btn-small"
            data-testid="tool-approve"
            onClick={() => onApproval(part.approval!.id, true)}
          >
            Approve
          </button>
          <button
            className="btn btn-small"
            data-testid="tool-deny"
            onClick={() => onApproval(part.approval!.id, false)}
          >
            Deny
          </button>
        </div>
      )}
    </figure>
  );
}
