package io.daylily.ec.app.listeners;

import java.util.Map;

/** ANSI colour, on only for a terminal without NO_COLOR, TERM=dumb, CI, --no-color or --json. */
public record Style(boolean color) {
    public static Style decide(boolean noColorFlag, boolean json, boolean terminal, Map<String, String> env) {
        boolean off = noColorFlag || json || !terminal
                || notEmpty(env.get("NO_COLOR"))
                || "dumb".equals(env.get("TERM"))
                || env.containsKey("CI");
        return new Style(!off);
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    public String green(String s) {
        return wrap("32", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    public String red(String s) {
        return wrap("31", s);
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    private String wrap(String code, String s) {
        return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
