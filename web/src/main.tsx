import { HomePage } from "@web/app/home-page";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@web/app/styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("missing #root element");
createRoot(root).render(
  <StrictMode>
    <HomePage />
  </StrictMode>,
);
