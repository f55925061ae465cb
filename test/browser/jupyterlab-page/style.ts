// JupyterLab's styles for what the page shows (each package's style/index.js pulls in its CSS and
// that of the packages it builds on), with the light theme's variables.
import "@jupyterlab/application/style/index.js";
import "@jupyterlab/codemirror/style/index.js";
import "@jupyterlab/completer/style/index.js";
import "@jupyterlab/mathjax-extension/style/index.js";
import "@jupyterlab/notebook/style/index.js";
import "@jupyterlab/theme-light-extension/style/theme.css";
import "./page.css";
