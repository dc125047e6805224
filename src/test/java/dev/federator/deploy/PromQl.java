package dev.federator.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Just enough PromQL to know what an expression reads: the metric names of its selectors with the label names of their
 * matchers, and the labels its aggregations and vector matches group by. Strings, range and subquery brackets,
 * numbers, durations and Grafana variables ($__rate_interval) are skipped.
 */
final class PromQl {
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "count", "stddev", "stdvar",
            "topk", "bottomk", "quantile", "count_values", "group", "limitk", "limit_ratio");
    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");

    /** A metric selector: its name and the labels its matchers name. */
    record Selector(String metric, Set<String> labels) { }

    /** What an expression reads. */
    record Reads(List<Selector> selectors, Set<String> groupingLabels) { }

    private final String s;
    private int i;
    private final List<Selector> selectors = new ArrayList<>();
    private final Set<String> grouping = new LinkedHashSet<>();

    private PromQl(String expr) { this.s = expr; }

    static Reads parse(String expr) {
        PromQl p = new PromQl(expr);
        p.run();
        return new Reads(List.copyOf(p.selectors), Set.copyOf(p.grouping));
    }

    private void run() {
        Selector last = null;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                skipString(c);
                last = null;
            } else if (c == '[') {
                i = closing(']') + 1;
            } else if (c == '{') {
                Set<String> labels = matcherLabels();
                if (last != null) {
                    last.labels().addAll(labels);
                } else {
                    throw new IllegalArgumentException("selector without a metric name in: " + s);
                }
                last = null;
            } else if (c == '$') {
                i++;
                ident();
                last = null;
            } else if (Character.isDigit(c) || c == '.') {
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                last = null;
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                String word = ident();
                if (GROUPING.contains(word)) {
                    skipSpace();
                    if (i < s.length() && s.charAt(i) == '(') {
                        grouping.addAll(list(closing(')')));
                    }
                    last = null;
                } else if (AGGREGATIONS.contains(word) || KEYWORDS.contains(word.toLowerCase()) || nextIs('(')) {
                    last = null;
                } else {
                    last = new Selector(word, new LinkedHashSet<>());
                    selectors.add(last);
                }
            } else {
                if (!Character.isWhitespace(c)) {
                    last = null;
                }
                i++;
            }
        }
    }

    private Set<String> matcherLabels() {
        int end = closing('}');
        Set<String> labels = new LinkedHashSet<>();
        i++;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                skipString(c);
            } else if (Character.isLetter(c) || c == '_') {
                labels.add(ident());
            } else {
                i++;
            }
        }
        i = end + 1;
        return labels;
    }

    private List<String> list(int end) {
        List<String> names = new ArrayList<>();
        for (String n : s.substring(i + 1, end).split(",")) {
            if (!n.isBlank()) {
                names.add(n.strip());
            }
        }
        i = end + 1;
        return names;
    }

    private String ident() {
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == ':')) {
            i++;
        }
        return s.substring(start, i);
    }

    private boolean nextIs(char c) {
        skipSpace();
        return i < s.length() && s.charAt(i) == c;
    }

    private void skipSpace() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private void skipString(char quote) {
        i++;
        while (i < s.length() && s.charAt(i) != quote) {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
    }

    private int closing(char close) {
        int end = s.indexOf(close, i);
        if (end < 0) {
            throw new IllegalArgumentException("no '" + close + "' after position " + i + " in: " + s);
        }
        return end;
    }
}
