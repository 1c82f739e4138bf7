/** The demo agent's state: `CounterAgent.Count` in agent-verticles. */
export interface Count {
  count: number;
}

/** The demo agent's callable methods, as the client sees them (`CounterAgent` in agent-verticles). */
export interface Counter {
  increment(by: number): number;
  echo<T>(value: T): T;
  addRow(text: string): number;
  countTo(n: number): number;
}
