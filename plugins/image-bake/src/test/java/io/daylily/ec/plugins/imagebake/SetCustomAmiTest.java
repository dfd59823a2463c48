package io.daylily.ec.plugins.imagebake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetCustomAmiTest {
    @TempDir
    Path dir;

    @Test
    void insertsOrReplacesUnderImageKeepingTheRest() throws Exception {
        Path f = dir.resolve("t.yaml");
        Files.writeString(f, "Region: us-west-2\nImage:\n  Os: ubuntu2204\nHeadNode:\n  InstanceType: r7i.2xlarge\n");
        ImageBakeStep.setCustomAmi(f, "ami-1");
        assertEquals("Region: us-west-2\nImage:\n  CustomAmi: ami-1\n  Os: ubuntu2204\nHeadNode:\n  InstanceType: r7i.2xlarge\n",
                Files.readString(f));
        ImageBakeStep.setCustomAmi(f, "ami-2");
        assertEquals("Region: us-west-2\nImage:\n  CustomAmi: ami-2\n  Os: ubuntu2204\nHeadNode:\n  InstanceType: r7i.2xlarge\n",
                Files.readString(f));
        Path g = dir.resolve("g.yaml");
        Files.writeString(g, "Region: x\n");
        ImageBakeStep.setCustomAmi(g, "ami-3");
        assertEquals("Image:\n  CustomAmi: ami-3\nRegion: x\n", Files.readString(g));
    }
}
