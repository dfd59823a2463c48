package io.daylily.ec.app.adapters;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.PromptRequiredException;
import io.daylily.ec.api.Prompter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/** Questions on stderr, answers from stdin (a terminal, or a pipe for scripted answers). */
public final class ConsolePrompter implements Prompter {
    private static final String FRAMES = "|/-\\";
    private final BufferedReader in;
    private final PrintStream err;
    private final boolean interactive;
    private final boolean live;
    private volatile String status;
    private volatile long startNanos;
    private Thread spinner;

    public ConsolePrompter(BufferedReader in, PrintStream err, boolean interactive) {
        this(in, err, interactive, false);
    }

    /** @param live true on a terminal: {@link #progress} draws a spinner line redrawn in place */
    public ConsolePrompter(BufferedReader in, PrintStream err, boolean interactive, boolean live) {
        this.in = in;
        this.err = err;
        this.interactive = interactive;
        this.live = live;
    }

    @Override
    public synchronized void progress(String text) {
        if (!live) {
            return;
        }
        status = text;
        if (spinner == null) {
            startNanos = System.nanoTime();
            spinner = new Thread(this::spin, "daylily-spinner");
            spinner.setDaemon(true);
            spinner.start();
        }
    }

    @Override
    public synchronized void progressDone() {
        Thread t = spinner;
        spinner = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            err.print("\r\u001b[2K");
            err.flush();
        }
    }

    /** The live line: a spinner frame, the status, and the elapsed time. */
    static String frame(int tick, String status, long elapsedSeconds) {
        return FRAMES.charAt(tick % FRAMES.length()) + " " + status + " · " + String.format("%d:%02d:%02d",
                elapsedSeconds / 3600, (elapsedSeconds % 3600) / 60, elapsedSeconds % 60);
    }

    private void spin() {
        int tick = 0;
        while (!Thread.currentThread().isInterrupted()) {
            long secs = (System.nanoTime() - startNanos) / 1_000_000_000L;
            synchronized (err) {
                err.print("\r\u001b[2K" + frame(tick++, status, secs));
                err.flush();
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
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
            if (spinner != null) {
                err.print("\r\u001b[2K");
            }
            err.println(line);
        }
    }
}
