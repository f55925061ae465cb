// The help text: every command tsloop understands (kernel/tsloop.js runs `kernel` itself, the CLI the rest).
export const USAGE = `Usage: tsloop <command> [options]

Commands:
  install [--user | --sys-prefix | --prefix DIR] [--name NAME]
                      Install the Jupyter kernelspec (default: system-wide,
                      like \`jupyter kernelspec install\`; NAME defaults to tsloop).
  uninstall [--user | --sys-prefix | --prefix DIR] [--name NAME]
                      Remove the kernelspec installed at that location.
  kernel <connection_file>
                      Run the kernel (what Jupyter starts from kernel.json).
  run [options] [paths...]
                      Run notebooks cell by cell through the kernel and print
                      their outputs (default: notebooks/; see README.md);
                      -p NAME VALUE re-runs them with other parameters.
  --help, -h          Show this help.
  --version           Show tsloop's version.

Locations:
  (default)           /usr/local/share/jupyter (jupyter's first system data dir)
  --user              $JUPYTER_DATA_DIR, else $XDG_DATA_HOME/jupyter or ~/.local/share/jupyter
  --sys-prefix        <sys.prefix>/share/jupyter of the Python that runs \`jupyter\` on PATH
                      (set TSLOOP_PYTHON to choose another interpreter)
  --prefix DIR        DIR/share/jupyter
`;
