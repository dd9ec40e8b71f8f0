package io.pgqrs.dashboard;

/**
 * A page under construction where text is escaped by default: {@link #text} escapes whatever it is given, and only
 * markup written in this module's source goes through {@link #tag}. Nothing from a payload, header, queue name or
 * error reaches the page any other way.
 */
final class Html {
    private final StringBuilder out = new StringBuilder(8192);

    /** @param markup constant markup from this module's source, never data */
    Html tag(String markup) {
        out.append(markup);
        return this;
    }

    /** @param value any value, escaped; null shows as an em dash */
    Html text(Object value) {
        out.append(value == null ? "—" : escape(value.toString()));
        return this;
    }

    /**
     * @param markup constant markup with {@code %s} slots
     * @param values escaped into the slots
     */
    Html tagf(String markup, Object... values) {
        Object[] escaped = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            escaped[i] = values[i] == null ? "" : escape(values[i].toString());
        }
        out.append(String.format(markup, escaped));
        return this;
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
