package io.daylily.ec.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessResultTest {
    private static ProcessResult r(String out, String err) {
        return new ProcessResult(1, out, err, Duration.ZERO, false);
    }

    @Test
    void lastOutputLinePrefersStderrAndFallsBackToStdout() {
        assertEquals("denied", r("progress\n", "starting\ndenied\n\n").lastOutputLine());
        assertEquals("no such bucket", r("checking\nno such bucket\n", "  \n").lastOutputLine());
        assertEquals("", r("", "").lastOutputLine());
        assertEquals("single", r("", "  single  ").lastOutputLine());
    }

    @Test
    void lastOutputLineIsCappedWithAnEllipsis() {
        String longLine = "x".repeat(ProcessResult.LAST_LINE_MAX + 50);
        String got = r("", "first\n" + longLine).lastOutputLine();
        assertEquals("x".repeat(ProcessResult.LAST_LINE_MAX) + "…", got);
    }
}
