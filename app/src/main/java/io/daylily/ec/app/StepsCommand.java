package io.daylily.ec.app;

import io.daylily.ec.api.Json;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.app.runtime.Discovery;
import io.daylily.ec.app.runtime.LoadedStep;
import io.daylily.ec.app.runtime.Planner;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;

/** {@code steps}: the steps found, in order, with the jar each came from. */
final class StepsCommand extends OptionsCommand {
    StepsCommand(CliRuntime rt) {
        super(rt, "steps", "list the steps found, in order, with the jar each came from", CliOptions::steps, false);
    }

    @Override
    int run(Invocation inv, CommandLine cl) {
        PrintStream out = inv.out();
        Discovery found = rt.discover(cl, ConfigDir.resolve(rt.env), inv.err());
        List<LoadedStep> all = cl.hasOption("pipeline")
                ? Planner.plan(found.steps(), cl.getOptionValue("pipeline")) : Planner.all(found.steps());
        if (cl.hasOption("json")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (LoadedStep s : all) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("order", s.order());
                r.put("id", s.id());
                r.put("pipelines", List.copyOf(Pipelines.of(s.step())));
                r.put("mutates_aws", s.step().mutatesAws());
                r.put("shape", shape(s));
                r.put("source", s.source());
                r.put("description", s.step().description());
                rows.add(r);
            }
            out.print(Json.write(rows));
            return 0;
        }
        int w = all.stream().mapToInt(s -> s.id().length()).max().orElse(2);
        int pw = all.stream().mapToInt(s -> String.join(",", Pipelines.of(s.step())).length()).max().orElse(9);
        out.printf("%-5s  %-" + w + "s  %-" + pw + "s  %-8s  %s%n", "ORDER", "ID", "PIPELINES", "WRITES", "SOURCE");
        for (LoadedStep s : all) {
            out.printf("%-5d  %-" + w + "s  %-" + pw + "s  %-8s  %s%n", s.order(), s.id(),
                    String.join(",", Pipelines.of(s.step())), shape(s), s.source());
        }
        if (all.isEmpty()) {
            inv.err().println("no steps found");
        }
        return 0;
    }

    /** How the step may write: {@code apply} (a resource step: its apply only), {@code run} (a plain step that says it writes), or {@code no}. */
    static String shape(LoadedStep s) {
        return s.step() instanceof io.daylily.ec.api.ResourceStep<?> ? "apply" : s.step().mutatesAws() ? "run" : "no";
    }
}
