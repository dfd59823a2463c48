package io.daylily.ec.app.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.PromptRequiredException;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsolePrompterTest {
    @Test
    void questionsGoToStderrAnswersAreTrimmed() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ConsolePrompter p = new ConsolePrompter(new BufferedReader(new StringReader("  yes \n")),
                new PrintStream(err, true, StandardCharsets.UTF_8), true);
        assertEquals("yes", p.ask("k", "Continue? "));
        assertEquals("Continue? ", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void closedInputAndNonInteractiveAreClearErrors() {
        ConsolePrompter closed = new ConsolePrompter(new BufferedReader(new StringReader("")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), true);
        DaylilyException e = assertThrows(DaylilyException.class, () -> closed.ask("budget_email", "Email: "));
        assertEquals("input_closed", e.reason());
        ConsolePrompter ni = new ConsolePrompter(new BufferedReader(new StringReader("x\n")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        assertThrows(PromptRequiredException.class, () -> ni.ask("budget_email", "Email: "));
    }

    @Test
    void theSpinnerTurnsOncePerRefreshAndTheClockShowsTheElapsedTime() {
        assertEquals("/ cluster c1: CREATE_IN_PROGRESS · 0:12:05", ConsolePrompter.frame(1, "cluster c1: CREATE_IN_PROGRESS", 725));
        assertEquals("| s · 0:00:00", ConsolePrompter.frame(Duration.ofMillis(249), "s"));
        assertEquals("/ s · 0:00:00", ConsolePrompter.frame(Duration.ofMillis(250), "s"), "the next frame after one refresh");
        assertEquals("- s · 0:00:00", ConsolePrompter.frame(Duration.ofMillis(500), "s"));
        assertEquals("\\ s · 0:00:00", ConsolePrompter.frame(Duration.ofMillis(750), "s"));
        assertEquals("| s · 0:00:01", ConsolePrompter.frame(Duration.ofMillis(1000), "s"), "four frames, then round again");
        assertEquals("| s · 1:00:00", ConsolePrompter.frame(Duration.ofHours(1), "s"));
    }

    @Test
    void theLiveLineRedrawsInPlaceAndIsClearedAtTheEnd() {
        ByteArrayOutputStream on = new ByteArrayOutputStream();
        ConsolePrompter.LiveLine line = new ConsolePrompter.LiveLine(new PrintStream(on, true, StandardCharsets.UTF_8), 100);
        line.accept("| a long status");
        line.accept("/ short");
        line.close();
        assertEquals("\r\u001b[2K| a long status\r\u001b[2K/ short\r\u001b[2K", on.toString(StandardCharsets.UTF_8),
                "each frame clears what a longer one left; the end clears the line and leaves no newline");
    }

    @Test
    void spinnerLineOnATerminalNothingOffIt() {
        ByteArrayOutputStream off = new ByteArrayOutputStream();
        ConsolePrompter plain = new ConsolePrompter(new BufferedReader(new StringReader("")),
                new PrintStream(off, true, StandardCharsets.UTF_8), false, false);
        plain.progress("cluster c1: CREATE_IN_PROGRESS");
        plain.progressDone();
        assertEquals("", off.toString(StandardCharsets.UTF_8), "off a terminal the live line is silent");

        // no sleeps: the first frame is drawn when the wait starts and the last when it ends
        ByteArrayOutputStream on = new ByteArrayOutputStream();
        ConsolePrompter term = new ConsolePrompter(new BufferedReader(new StringReader("")),
                new PrintStream(on, true, StandardCharsets.UTF_8), false, true);
        term.progress("cluster c1: CREATE_IN_PROGRESS");
        term.say("  CREATE_COMPLETE");
        term.progress("cluster c1: CREATE_COMPLETE");
        term.progressDone();
        String out = on.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("\r\u001b[2K| cluster c1: CREATE_IN_PROGRESS · 0:00:0"), "the first frame shows the status: " + out);
        assertTrue(out.contains("cluster c1: CREATE_COMPLETE · 0:00:0"), "the status changes in place: " + out);
        assertTrue(out.contains("\r\u001b[2K  CREATE_COMPLETE\n"), "a message clears the live line first: " + out);
        assertTrue(out.endsWith("\r\u001b[2K"), "the live line is cleared at the end");
        assertEquals(1, out.chars().filter(c -> c == '\n').count(), "only the message ends a line; the live line leaves none: " + out);

        term.progress("again");
        term.progressDone();
        assertTrue(on.toString(StandardCharsets.UTF_8).contains("again · 0:00:0"), "a second wait starts its own clock");
    }

    @Test
    void theLiveLineIsCutToTheWidth() throws Exception {
        ByteArrayOutputStream on = new ByteArrayOutputStream();
        ConsolePrompter narrow = new ConsolePrompter(new BufferedReader(new StringReader("")),
                new PrintStream(on, true, StandardCharsets.UTF_8), false, true, 30);
        narrow.progress("cluster a-very-long-cluster-name-indeed: CREATE_IN_PROGRESS");
        narrow.progressDone();
        for (String line : on.toString(StandardCharsets.UTF_8).split("\r\u001b\\[2K")) {
            assertTrue(line.length() <= 30, "'" + line + "' is longer than 30");
        }
        assertTrue(on.toString(StandardCharsets.UTF_8).contains("| cluster a-very-long-cluster…"), on.toString(StandardCharsets.UTF_8));
    }
}
