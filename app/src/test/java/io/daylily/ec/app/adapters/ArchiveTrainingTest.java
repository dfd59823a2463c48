package io.daylily.ec.app.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The launcher's training calls all get an answer from the loopback server (so their success path is archived). */
class ArchiveTrainingTest {
    @Test
    void everyTrainingCallIsAnsweredOnLoopback() {
        assertEquals(14, ArchiveTraining.run(), "each of the 14 read calls went through marshalling, signing, HTTP and parsing");
    }
}
