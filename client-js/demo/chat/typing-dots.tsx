/** Three bouncing dots: a reply is on its way but has no text yet. */
export function TypingDots() {
  return (
    <div className="bubble typing" data-testid="typing" role="status" aria-label="The assistant is answering">
      <span />
      <span />
      <span />
    </div>
  );
}
