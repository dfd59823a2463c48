package io.daylily.ec.api.config;

import static java.util.Objects.requireNonNull;

/**
 * One config value as the user wrote it: (action, default, set value), already normalised
 * (PARITY §2.3): never null, {@code null}/{@code None} as {@code ""}, {@code True}/{@code TRUE} as
 * {@code true}, {@code False}/{@code FALSE} as {@code false}.
 *
 * @param action       {@code PROMPTUSER}, {@code USESETVALUE}, or any other word (treated as PROMPTUSER)
 * @param defaultValue shown and taken on Enter at a prompt; may be empty
 * @param setValue     used without asking when auto-select applies ({@link AutoSelect}); may be empty
 */
public record Triplet(String action, String defaultValue, String setValue) {
    public static final String PROMPTUSER = "PROMPTUSER";
    public static final String USESETVALUE = "USESETVALUE";

    /** The triplet of a key the config does not mention. */
    public static final Triplet ABSENT = new Triplet(PROMPTUSER, "", "");

    public Triplet {
        requireNonNull(action, "action is null");
        requireNonNull(defaultValue, "defaultValue is null");
        requireNonNull(setValue, "setValue is null");
    }

    /** PARITY §2.3 normalisation of one default/set value. */
    public static String normalise(String value) {
        if (value == null) {
            return "";
        }
        return switch (value) {
            case "null", "None" -> "";
            case "True", "TRUE" -> "true";
            case "False", "FALSE" -> "false";
            default -> value;
        };
    }

    /** True for the two action words, which are never a real value. */
    public static boolean isActionWord(String value) {
        return PROMPTUSER.equals(value) || USESETVALUE.equals(value);
    }
}
