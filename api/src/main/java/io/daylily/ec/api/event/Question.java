package io.daylily.ec.api.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The question a WARN puts to the user: the runtime's one gate asks it (interactive runs only) and
 * goes on or stops with {@link #stopMessage} (exit 1, reason {@code user_abort}). A step never asks
 * its own gate question; it publishes {@link CheckResult#warnAsking}. With no {@link #choices}, the
 * question is free text and Enter (an empty answer) goes on.
 *
 * @param key          the prompt's id (what a scripted answer is matched by)
 * @param text         the question, as shown
 * @param choices      the menu; empty for "Enter continues, anything else stops"
 * @param proceed      the choice that goes on (ignored without choices)
 * @param defaultIndex the menu's default (ignored without choices)
 * @param stopMessage  the run's message when the answer stops it
 */
public record Question(String key, String text, List<String> choices, String proceed, int defaultIndex, String stopMessage) {
    /** The check-detail key the question travels under (so the report shows what was asked). */
    public static final String DETAIL = "question";

    public Question {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(text, "text");
        choices = List.copyOf(choices == null ? List.of() : choices);
        proceed = proceed == null ? "" : proceed;
        stopMessage = stopMessage == null ? "" : stopMessage;
    }

    /** A menu question; {@code proceed} must be one of the choices. */
    public static Question menu(String key, String text, List<String> choices, String proceed, int defaultIndex,
                                String stopMessage) {
        if (!choices.contains(proceed) || defaultIndex < 0 || defaultIndex >= choices.size()) {
            throw new IllegalArgumentException("proceed must be a choice and the default an index of one");
        }
        return new Question(key, text, choices, proceed, defaultIndex, stopMessage);
    }

    /** "Press Enter to continue, anything else stops". */
    public static Question enterContinues(String key, String text, String stopMessage) {
        return new Question(key, text, List.of(), "", 0, stopMessage);
    }

    /** Whether {@code answer} goes on. */
    public boolean proceeds(String answer) {
        return choices.isEmpty() ? answer.isEmpty() : proceed.equals(answer);
    }

    Map<String, Object> toDetail() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("text", text);
        m.put("choices", choices);
        m.put("proceed", proceed);
        m.put("default_index", defaultIndex);
        m.put("stop_message", stopMessage);
        return m;
    }

    static Optional<Question> fromDetail(Object detail) {
        if (!(detail instanceof Map<?, ?> m) || !(m.get("key") instanceof String key) || !(m.get("text") instanceof String text)) {
            return Optional.empty();
        }
        List<String> choices = m.get("choices") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        int def = m.get("default_index") instanceof Number n ? n.intValue() : 0;
        return Optional.of(new Question(key, text, choices, String.valueOf(m.get("proceed") == null ? "" : m.get("proceed")),
                def, String.valueOf(m.get("stop_message") == null ? "" : m.get("stop_message"))));
    }
}
