package io.daylily.ec.steps.infra;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The budget-tags TSV ({@code data/budget_tags/pcluster-project-budget-tags.tsv}): one row per budget,
 * {@code <budget>\t<users>} with {@code ubuntu} first, users trimmed and de-duplicated, no trailing
 * space (DECISIONS #12). Existing rows are kept; exact duplicate rows are dropped.
 */
final class BudgetTags {
    static final String KEY = "data/budget_tags/pcluster-project-budget-tags.tsv";

    private BudgetTags() {
    }

    /** {@code ubuntu} then each user of the comma list, trimmed, empties and repeats dropped. */
    static String users(String csv) {
        Set<String> out = new LinkedHashSet<>();
        out.add("ubuntu");
        for (String u : (csv == null ? "" : csv).split(",")) {
            if (!u.strip().isEmpty()) {
                out.add(u.strip());
            }
        }
        return String.join(",", out);
    }

    static String row(String budget, String usersCsv) {
        return budget + "\t" + users(usersCsv);
    }

    /** Whether the file has a row for {@code budget} (with any users). */
    static boolean hasBudget(String existing, String budget) {
        return (existing == null ? "" : existing).lines().anyMatch(l -> l.startsWith(budget + "\t"));
    }

    /** The file with {@code row} present exactly once; the existing rows in their order. */
    static String merge(String existing, String row) {
        List<String> rows = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String line : (existing == null ? "" : existing).split("\n")) {
            String l = line.replace("\r", "");
            if (!l.isBlank() && seen.add(l)) {
                rows.add(l);
            }
        }
        if (seen.add(row)) {
            rows.add(row);
        }
        return rows.isEmpty() ? "" : String.join("\n", rows) + "\n";
    }
}
