package io.daylily.ec.steps.config;

import io.daylily.ec.api.AtomicFiles;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Adds missing required keys to the user's config file as {@code key: [PROMPTUSER, "", ""]} by
 * inserting lines of text at the end of the {@code ephemeral_cluster.config} block — never by
 * re-dumping the document — so every other byte (keys, order, comments, quoting) stays as written.
 * The new text is parsed again before it replaces the file, and the replacement is atomic.
 */
public final class WriteBack {
    private WriteBack() {
    }

    /**
     * The file text with {@code missing} keys added, or {@code null} when the layout cannot be
     * patched safely (then the caller carries on with the keys in memory only).
     */
    public static String patch(String text, List<String> missing) {
        if (missing.isEmpty()) {
            return text;
        }
        String next = patchUnchecked(text, missing);
        if (next == null) {
            return null;
        }
        try {
            // The result must parse and hold every key, or the file is not touched.
            ConfigLoader.Loaded check = ConfigLoader.parse("patched", next.getBytes(StandardCharsets.UTF_8));
            return check.missingRequired().stream().noneMatch(missing::contains) ? next : null;
        } catch (ConfigException e) {
            return null;
        }
    }

    private static String patchUnchecked(String text, List<String> missing) {
        Node root;
        try {
            root = ConfigLoader.newYaml().compose(new StringReader(text));
        } catch (RuntimeException e) {
            return null;
        }
        Node ec = child(root, "ephemeral_cluster");
        if (!(ec instanceof MappingNode ecMap)) {
            return null;
        }
        NodeTuple cfgTuple = tuple(ecMap, "config");
        if (cfgTuple == null) {
            return null;
        }
        String nl = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = splitKeepingEnds(text);
        Node cfg = cfgTuple.getValueNode();
        if (cfg instanceof MappingNode map && map.getFlowStyle() == DumperOptions.FlowStyle.BLOCK
                && !map.getValue().isEmpty()) {
            int indent = map.getValue().get(0).getKeyNode().getStartMark().getColumn();
            Node lastValue = map.getValue().get(map.getValue().size() - 1).getValueNode();
            // A block collection's end mark sits on the next token (after any comments): use its last leaf.
            int at = lineAfter(lines, lastLeaf(lastValue));
            return insert(lines, at, block(missing, indent, nl), nl);
        }
        if (cfg instanceof ScalarNode s && s.getStartMark().getIndex() == s.getEndMark().getIndex()) {
            // "config:" with nothing after it: the entries go on the lines below, indented one step.
            int indent = cfgTuple.getKeyNode().getStartMark().getColumn() + 2;
            int at = cfgTuple.getKeyNode().getStartMark().getLine() + 1;
            return insert(lines, at, block(missing, indent, nl), nl);
        }
        if (cfg instanceof MappingNode map && map.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            // "config: {a: b}": add entries before the closing brace.
            int line = map.getEndMark().getLine();
            int col = map.getEndMark().getColumn() - 1;
            String l = lines.get(line);
            int pos = l.offsetByCodePoints(0, col);
            if (pos < 0 || pos >= l.length() || l.charAt(pos) != '}') {
                return null;
            }
            StringBuilder add = new StringBuilder();
            for (String k : missing) {
                if (add.length() > 0 || !map.getValue().isEmpty()) {
                    add.append(", ");
                }
                add.append(entry(k));
            }
            lines.set(line, l.substring(0, pos) + add + l.substring(pos));
            return String.join("", lines);
        }
        return null;
    }

    /** Patches the file in place (atomically). Returns false when the layout could not be patched. */
    public static boolean apply(Path file, String text, List<String> missing) {
        String next = patch(text, missing);
        if (next == null) {
            return false;
        }
        if (next.equals(text)) {
            return true;
        }
        AtomicFiles.replace(file, next);
        return true;
    }

    private static Node lastLeaf(Node node) {
        Node n = node;
        while (true) {
            if (n instanceof MappingNode m && m.getFlowStyle() == DumperOptions.FlowStyle.BLOCK && !m.getValue().isEmpty()) {
                n = m.getValue().get(m.getValue().size() - 1).getValueNode();
            } else if (n instanceof org.yaml.snakeyaml.nodes.SequenceNode q
                    && q.getFlowStyle() == DumperOptions.FlowStyle.BLOCK && !q.getValue().isEmpty()) {
                n = q.getValue().get(q.getValue().size() - 1);
            } else {
                return n;
            }
        }
    }

    static String entry(String key) {
        return key + ": [PROMPTUSER, \"\", \"\"]";
    }

    private static String block(List<String> missing, int indent, String nl) {
        StringBuilder b = new StringBuilder();
        for (String k : missing) {
            b.append(" ".repeat(indent)).append(entry(k)).append(nl);
        }
        return b.toString();
    }

    /** The index of the line after the node: before the line its end mark sits on, if only white space precedes it there. */
    private static int lineAfter(List<String> lines, Node node) {
        int line = node.getEndMark().getLine();
        int col = node.getEndMark().getColumn();
        if (line >= lines.size()) {
            return lines.size();
        }
        String l = lines.get(line);
        int pos = Math.min(l.length(), l.offsetByCodePoints(0, Math.min(col, l.codePointCount(0, l.length()))));
        return l.substring(0, pos).isBlank() ? line : line + 1;
    }

    private static String insert(List<String> lines, int at, String block, String nl) {
        List<String> out = new ArrayList<>(lines);
        if (at > out.size()) {
            at = out.size();
        }
        if (at > 0 && !out.get(at - 1).endsWith("\n")) {
            out.set(at - 1, out.get(at - 1) + nl);
        }
        out.add(at, block);
        return String.join("", out);
    }

    private static List<String> splitKeepingEnds(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    private static Node child(Node node, String key) {
        if (node instanceof MappingNode m) {
            NodeTuple t = tuple(m, key);
            return t == null ? null : t.getValueNode();
        }
        return null;
    }

    private static NodeTuple tuple(MappingNode m, String key) {
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s && key.equals(s.getValue())) {
                return t;
            }
        }
        return null;
    }
}
