package io.daylily.ec.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.daylily.ec.api.ContextKey;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.Json;
import io.daylily.ec.api.RunContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes a {@link RunContext} as JSON: {@code {"run_id": …, "values": {name: value…}}},
 * keys sorted, so equal contexts give equal bytes.
 */
public final class RunContextJson {
    private RunContextJson() {
    }

    public static String write(RunContext context) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run_id", context.runId());
        doc.put("values", context.asMap());
        return Json.write(doc);
    }

    /**
     * Parses a context written by {@link #write}. Values whose name matches one of {@code knownKeys}
     * are read as that key's type; unknown names are kept as plain JSON values (maps, lists, strings,
     * numbers, booleans) under an {@code Object}-typed key.
     *
     * @throws DaylilyException (exit 1) naming the problem when the text is not such a document
     */
    public static RunContext read(String json, Collection<ContextKey<?>> knownKeys) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new DaylilyException(ExitCode.VALIDATION,
                    "context file is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("run_id").isTextual()) {
            throw new DaylilyException(ExitCode.VALIDATION,
                    "context file must be a JSON object with a string \"run_id\" and an object \"values\"");
        }
        Map<String, ContextKey<?>> byName = new HashMap<>();
        knownKeys.forEach(k -> byName.put(k.name(), k));
        RunContext ctx = RunContext.empty(root.get("run_id").asText());
        JsonNode values = root.path("values");
        if (values.isMissingNode()) {
            return ctx;
        }
        if (!values.isObject()) {
            throw new DaylilyException(ExitCode.VALIDATION, "context file: \"values\" must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = ((ObjectNode) values).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()) {
                continue;
            }
            ctx = put(ctx, byName.get(field.getKey()), field.getKey(), field.getValue());
        }
        return ctx;
    }

    /** Converts text given on the command line ({@code --set name=value}) to the key's type. */
    public static <T> T parseValue(ContextKey<T> key, String text) {
        try {
            if (key.type() == String.class || key.type() == Object.class) {
                return key.type().cast(text);
            }
            JsonNode node;
            try {
                node = Json.mapper().readTree(text);
            } catch (JsonProcessingException notJson) {
                node = Json.mapper().getNodeFactory().textNode(text);
            }
            return Json.mapper().treeToValue(node, key.type());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new DaylilyException(ExitCode.VALIDATION, "value for '" + key.name() + "' is not a valid "
                    + key.type().getSimpleName() + ": " + text, e);
        }
    }

    private static RunContext put(RunContext ctx, ContextKey<?> key, String name, JsonNode node) {
        try {
            if (key == null) {
                return ctx.with(ContextKey.of(name, Object.class), Json.mapper().treeToValue(node, Object.class));
            }
            return withTyped(ctx, key, node);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new DaylilyException(ExitCode.VALIDATION, "context value '" + name + "' is not a valid "
                    + (key == null ? "value" : key.type().getSimpleName()) + ": " + e.getMessage(), e);
        }
    }

    private static <T> RunContext withTyped(RunContext ctx, ContextKey<T> key, JsonNode node)
            throws JsonProcessingException {
        return ctx.with(key, Json.mapper().treeToValue(node, key.type()));
    }
}
