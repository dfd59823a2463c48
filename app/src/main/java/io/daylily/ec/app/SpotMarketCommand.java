package io.daylily.ec.app;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.app.runtime.Discovery;
import io.daylily.ec.app.runtime.PipelineRunner;
import io.daylily.ec.app.runtime.Planner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;

/**
 * {@code spot-market --region R [--config F]} (issue #20): every AZ of the region with each queue's spot
 * price (as a create there would set it) and placement score, best AZ first; read-only. The table goes to
 * stdout; with {@code --json} the run's summary does, its {@code spot_market} the document (docs/spot-market.md).
 */
final class SpotMarketCommand extends OptionsCommand {
    SpotMarketCommand(CliRuntime rt) {
        super(rt, Pipelines.SPOT_MARKET, "spot-market --region R [--config F]: every AZ's queue spot prices and placement scores,"
                + " best AZ first (read-only)", CliOptions::spotMarket, true);
    }

    @Override
    public String syntax() {
        return Cli.PROG + " spot-market --region REGION [--config PATH] [--profile NAME] [--json]";
    }

    @Override
    int run(Invocation inv, CommandLine cl) {
        String region = Regions.checkRegion(cl.getOptionValue("region"), rt.regionEnv(cl));
        Path configDir = rt.configDir();
        RunContext ctx = InitialContext.of(Pipelines.SPOT_MARKET, RunIds.reserve(configDir, rt.clock), cl)
                .with(ContextKeys.REGION, region)
                .with(ContextKeys.NON_INTERACTIVE, true) // nothing to ask: the config's values or its defaults
                .profileFlag(cl) // the config's aws_profile, then AWS_PROFILE: config.load applies them
                .option(cl, "config", ContextKeys.CONFIG_PATH)
                .build();
        Discovery found = rt.discover(cl, configDir, inv.err());
        boolean json = cl.hasOption("json");
        PipelineRunner.Outcome o = rt.composition().execute(Pipelines.SPOT_MARKET, Planner.plan(found.steps(), Pipelines.SPOT_MARKET),
                ctx, cl, configDir, found, inv.out(), inv.err(), json);
        if (!json) {
            o.context().get(ContextKeys.SPOT_MARKET).ifPresent(doc -> text(inv.out(), doc));
        }
        return o.exitCode().code();
    }

    /** The document as a table: one row per AZ, best first; each queue's price, with its score in brackets. */
    @SuppressWarnings("unchecked")
    static void text(PrintStream out, Map<String, Object> doc) {
        List<String> queues = new ArrayList<>();
        for (Object q : (List<Object>) doc.get("queues")) {
            queues.add(String.valueOf(((Map<String, Object>) q).get("name")));
        }
        boolean scored = Boolean.TRUE.equals(doc.get("scores_read"));
        out.println("Spot market in " + doc.get("region") + " for " + doc.get("template") + ": each queue's price per instance-hour"
                + " as a create in that AZ would set it (median + " + doc.get("bump_usd") + " USD)"
                + (scored ? " and, in brackets, its spot placement score (1-10)" : "") + "; best AZ first");
        List<List<String>> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("#", "AZ"));
        head.addAll(queues);
        head.add("full scale $/h");
        rows.add(head);
        for (Object z : (List<Object>) doc.get("zones")) {
            Map<String, Object> zone = (Map<String, Object>) z;
            Map<String, Object> prices = (Map<String, Object>) zone.get("prices");
            Map<String, Object> scores = (Map<String, Object>) zone.get("scores");
            List<String> row = new ArrayList<>(List.of(String.valueOf(zone.get("rank")), String.valueOf(zone.get("az"))));
            for (String q : queues) {
                Object p = prices.get(q);
                row.add((p == null ? "-" : String.valueOf(p)) + (scores.containsKey(q) ? " (" + scores.get(q) + ")" : ""));
            }
            row.add(String.valueOf(zone.get("max_hourly_usd")));
            rows.add(row);
        }
        int[] width = new int[head.size()];
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        });
        for (List<String> r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                b.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", r.get(i)));
            }
            out.println(b.toString().stripTrailing());
        }
        String note = String.valueOf(doc.getOrDefault("scores_note", ""));
        if (!note.isEmpty()) {
            out.println("Note: " + note);
        }
        out.println("Full scale: every spot queue at its max count at that price; not included: "
                + String.join(", ", (List<String>) doc.get("not_included")));
        out.flush();
    }
}
