package io.daylily.ec.steps.preflight;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Marker/token pagination over a request overload (a Mockito-stubbed client answers these; the
 * SDK's paginator objects would need real methods).
 */
final class Pages {
    private Pages() {
    }

    /**
     * @param call  one page for a marker (null for the first)
     * @param next  the next marker of a page, or null/empty on the last page
     * @param each  receives every page
     */
    static <R> void forEach(Function<String, R> call, Function<R, String> next, Consumer<R> each) {
        String marker = null;
        do {
            R page = call.apply(marker);
            each.accept(page);
            marker = next.apply(page);
        } while (marker != null && !marker.isEmpty());
    }
}
