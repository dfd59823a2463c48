package io.daylily.ec.api;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** {@code --repo-override KEY:REF} values: repository key → git ref (a repeated key keeps the last ref). */
public record RepoOverrides(SortedMap<String, String> refs) {
    public RepoOverrides {
        refs = Collections.unmodifiableSortedMap(new TreeMap<>(refs == null ? Map.of() : refs));
    }
}
