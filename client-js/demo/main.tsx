import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { CounterDemo } from "./counter-demo";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <CounterDemo />
  </StrictMode>,
);
