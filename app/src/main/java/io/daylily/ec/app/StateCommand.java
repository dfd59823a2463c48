package io.daylily.ec.app;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/** {@code state list | state show}: the runs' state records in the config directory. Reads files only. */
final class StateCommand extends AbstractCommand {
    StateCommand(CliRuntime rt) {
        super(rt, "state", "state list [--all] | state show (--cluster-name N | --state-file F): the runs' state records", CliOptions::state, false);
    }

    @Override
    public int run(Invocation inv) {
        String[] tail = inv.tail();
        String sub = tail.length > 0 ? tail[0] : "";
        if (!sub.equals("list") && !sub.equals("show")) {
            return rt.help().usageError(inv.err(), this, "expected: state list | state show (--cluster-name N | --state-file F)");
        }
        CommandLine cl;
        try {
            cl = rt.parse(this, options(), inv, Arrays.copyOfRange(tail, 1, tail.length));
        } catch (UsageException u) {
            return u.code;
        }
        PrintStream out = inv.out();
        List<StateRecords.Entry> records = StateRecords.list(ConfigDir.resolve(rt.env));
        if (sub.equals("list")) {
            List<StateRecords.Entry> rows = cl.hasOption("all") ? records : StateRecords.latest(records);
            if (cl.hasOption("json")) {
                out.print(Json.write(rows));
                return 0;
            }
            out.printf("%-26s %-15s %-7s %-12s %-11s %s%n", "CLUSTER", "RUN ID", "KIND", "REGION", "STATUS", "PATH");
            for (StateRecords.Entry e : rows) {
                out.printf("%-26s %-15s %-7s %-12s %-11s %s%n", e.clusterName(), e.runId(), e.kind(), e.region(), e.status(),
                        e.path());
            }
            return 0;
        }
        Path file;
        if (cl.hasOption("state-file")) {
            file = Path.of(cl.getOptionValue("state-file"));
        } else if (cl.hasOption("cluster-name")) {
            String name = cl.getOptionValue("cluster-name");
            file = StateRecords.latestCreate(records, name).map(e -> Path.of(e.path()))
                    .orElseThrow(() -> new DaylilyException(ExitCode.VALIDATION, "no state record for cluster '" + name
                            + "' in " + ConfigDir.resolve(rt.env) + "; see 'daylily-ec state list'"));
        } else {
            return rt.help().usageError(inv.err(), this, "state show needs --cluster-name N or --state-file F");
        }
        try {
            out.print(Files.readString(file));
        } catch (IOException e) {
            throw new DaylilyException(ExitCode.VALIDATION, "cannot read state file " + file + ": " + e.getMessage(), e);
        }
        return 0;
    }
}
