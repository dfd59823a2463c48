package io.daylily.ec.app.runtime;

import io.daylily.ec.api.DaylilyException;

/** Exception helpers for the boundary: find our exception inside wrappers (the SDK wraps interceptor errors). */
public final class Errors {
    private Errors() {
    }

    public static DaylilyException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DaylilyException d) {
                return d;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
