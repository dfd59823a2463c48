package io.daylily.ec.app.adapters;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.PromptRequiredException;
import io.daylily.ec.api.Prompter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Questions on stderr, answers from stdin (a terminal, or a pipe for scripted answers). On a
 * terminal, long waits show one live line — a spinner frame, the status, the elapsed time — drawn by
 * the progressbar library (its refresh thread and clock; our renderer and line handling).
 */
public final class ConsolePrompter implements Prompter {
    private static final String FRAMES = "|/-\\";
    private static final String CLEAR_LINE = "\r\u001b[2K";
    private static final int REFRESH_MS = 250;
    private final BufferedReader in;
    private final PrintStream err;
    private final boolean interactive;
    private final boolean live;
    private final int width;
    private volatile ProgressBar bar;
    private LiveLine line;
    private volatile String status = "";

    public ConsolePrompter(BufferedReader in, PrintStream err, boolean interactive) {
        this(in, err, interactive, false);
    }

    /** @param live true on a terminal: {@link #progress} draws a spinner line redrawn in place */
    public ConsolePrompter(BufferedReader in, PrintStream err, boolean interactive, boolean live) {
        this(in, err, interactive, live, 100);
    }

    /** @param width the live line's longest length (the terminal's width when the shell exports COLUMNS) */
    public ConsolePrompter(BufferedReader in, PrintStream err, boolean interactive, boolean live, int width) {
        this.in = in;
        this.err = err;
        this.interactive = interactive;
        this.live = live;
        this.width = Math.max(20, width);
    }

    @Override
    public synchronized void progress(String text) {
        if (!live) {
            return;
        }
        status = text; // set before the bar exists: its first frame, drawn at once, already shows it
        if (bar == null) {
            line = new LiveLine(err, width);
            bar = new ProgressBarBuilder().setInitialMax(-1).setUpdateIntervalMillis(REFRESH_MS).continuousUpdate()
                    .setRenderer((state, max) -> frame(state.getTotalElapsed(), status))
                    .setConsumer(line).build();
            bar.refresh(); // the first frame now, on this thread (the library's first one is asynchronous)
        }
    }

    @Override
    public synchronized void progressDone() {
        ProgressBar b = bar;
        LiveLine l = line;
        bar = null;
        line = null;
        if (b != null) {
            b.close(); // draws once more and waits for it; clears the line unless it had not drawn yet
            l.close(); // so clear it here too (once)
        }
    }

    /** The frame drawn after {@code elapsed}: the spinner turns once per refresh interval. */
    static String frame(java.time.Duration elapsed, String status) {
        return frame((int) (elapsed.toMillis() / REFRESH_MS), status, elapsed.toSeconds());
    }

    /** The live line: a spinner frame, the status, and the elapsed time. */
    static String frame(int tick, String status, long elapsedSeconds) {
        return FRAMES.charAt(tick % FRAMES.length()) + " " + status + " · " + String.format("%d:%02d:%02d",
                elapsedSeconds / 3600, (elapsedSeconds % 3600) / 60, elapsedSeconds % 60);
    }

    /** Redraws in place (clearing what a longer status left), cut to the width; cleared, not kept, at the end. */
    static final class LiveLine extends ConsoleProgressBarConsumer {
        private final PrintStream out;
        private final int width;
        private boolean closed;

        LiveLine(PrintStream out, int width) {
            super(out, width);
            this.out = out;
            this.width = width;
        }

        @Override
        public void accept(String line) {
            synchronized (out) {
                out.print(CLEAR_LINE + (line.length() > width ? line.substring(0, width - 1) + "…" : line));
                out.flush();
            }
        }

        @Override
        public void close() {
            synchronized (out) {
                if (!closed) {
                    closed = true;
                    out.print(CLEAR_LINE);
                    out.flush();
                }
            }
        }
    }

    @Override
    public boolean interactive() {
        return interactive;
    }

    @Override
    public synchronized String ask(String key, String question) {
        if (!interactive) {
            throw new PromptRequiredException(key, question);
        }
        err.print(question);
        err.flush();
        String line;
        try {
            line = in.readLine();
        } catch (IOException e) {
            line = null;
        }
        if (line == null) {
            err.println();
            throw new DaylilyException(ExitCode.VALIDATION, "input closed while asking for '" + key
                    + "'; set it in the config file or run with --non-interactive", "input_closed", null);
        }
        return line.strip();
    }

    @Override
    public void say(String line) {
        synchronized (err) {
            if (bar != null) {
                err.print(CLEAR_LINE);
            }
            err.println(line);
        }
    }
}
