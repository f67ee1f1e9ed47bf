package io.mabeam.datasets.control;

import io.mabeam.datasets.entity.Table;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads CSV (RFC 4180: comma-separated, double quotes around fields with commas, quotes or line breaks, a
 * header line) into a {@link Table}, refusing what a platform must not take in: more than the limits allow,
 * bytes that are not UTF-8, NUL characters, rows whose cell count differs from the header's, duplicate or
 * empty column names, and cells that a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -},
 * {@code @}, tab or carriage return first, unless the cell is a number). Empty cells and the usual markers
 * ({@code NA}, {@code N/A}, {@code NaN}, {@code null}, {@code ?}) are missing values.
 */
public final class CsvReader {

    /** How much a table may hold. */
    public record Limits(long maxBytes, int maxRows, int maxColumns, int maxCellChars) {

        public static final Limits DEFAULT = new Limits(20L << 20, 1_000_000, 500, 10_000);

        public Limits {
            if (maxBytes < 1 || maxRows < 1 || maxColumns < 1 || maxCellChars < 1) {
                throw new IllegalArgumentException("limits are positive");
            }
        }
    }

    /** Why a CSV was refused, with the line it was found at (1 is the header; 0 for the file as a whole). */
    public static final class Refused extends IllegalArgumentException {

        private final int line;

        Refused(int line, String message) {
            super(line > 0 ? "line " + line + ": " + message : message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private static final Set<String> MISSING = Set.of("", "na", "n/a", "nan", "null", "?");
    private static final int MAX_NAME = 200;

    private final Limits limits;

    public CsvReader(Limits limits) {
        this.limits = limits;
    }

    public Table read(byte[] bytes) {
        if (bytes.length > limits.maxBytes()) {
            throw new Refused(
                    0, "the file has " + bytes.length + " bytes; at most " + limits.maxBytes() + " are taken");
        }
        String text = utf8(bytes);
        if (text.indexOf('\0') >= 0) {
            throw new Refused(0, "the file contains NUL characters: it is not a CSV text file");
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        List<List<String>> records = records(text);
        if (records.isEmpty()) {
            throw new Refused(0, "the file is empty: a header line and at least one row are needed");
        }
        List<String> header = header(records.get(0));
        if (records.size() < 2) {
            throw new Refused(0, "the file has a header but no rows");
        }
        if (records.size() - 1 > limits.maxRows()) {
            throw new Refused(
                    0, "the file has " + (records.size() - 1) + " rows; at most " + limits.maxRows() + " are taken");
        }
        List<String[]> rows = new ArrayList<>(records.size() - 1);
        for (int r = 1; r < records.size(); r++) {
            List<String> record = records.get(r);
            int line = r + 1;
            if (record.size() != header.size()) {
                throw new Refused(line, "has " + record.size() + " fields; the header has " + header.size());
            }
            String[] cells = new String[record.size()];
            for (int c = 0; c < cells.length; c++) {
                cells[c] = cell(record.get(c), line, header.get(c));
            }
            rows.add(cells);
        }
        return new Table(header, rows);
    }

    private List<String> header(List<String> names) {
        if (names.size() > limits.maxColumns()) {
            throw new Refused(1, "has " + names.size() + " columns; at most " + limits.maxColumns() + " are taken");
        }
        List<String> header = new ArrayList<>(names.size());
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c).strip();
            if (name.isEmpty()) {
                throw new Refused(1, "column " + (c + 1) + " has no name");
            }
            if (name.length() > MAX_NAME) {
                throw new Refused(1, "column " + (c + 1) + " has a name longer than " + MAX_NAME + " characters");
            }
            refuseFormula(name, 1, "the header");
            if (!seen.add(name)) {
                throw new Refused(1, "column name " + name + " appears twice");
            }
            header.add(name);
        }
        return header;
    }

    private String cell(String raw, int line, String column) {
        if (raw.length() > limits.maxCellChars()) {
            throw new Refused(
                    line, "the value of " + column + " is longer than " + limits.maxCellChars() + " characters");
        }
        String value = raw.strip();
        if (MISSING.contains(value.toLowerCase(Locale.ROOT))) {
            return null;
        }
        refuseFormula(raw, line, column);
        return value;
    }

    private static void refuseFormula(String raw, int line, String column) {
        if (raw.isEmpty()) {
            return;
        }
        char first = raw.charAt(0);
        boolean formulaLike =
                first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        if (formulaLike && !isNumber(raw.strip())) {
            throw new Refused(
                    line,
                    "the value of " + column + " starts with '" + printable(first)
                            + "' and is not a number: a spreadsheet would run it as a formula, so it is refused");
        }
    }

    /** A finite decimal number as CSV files write them (no hex, no "Infinity"). */
    public static boolean isNumber(String text) {
        if (text.isEmpty() || text.length() > 64) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (!(Character.isDigit(ch) || ch == '.' || ch == '-' || ch == '+' || ch == 'e' || ch == 'E')) {
                return false;
            }
        }
        try {
            return Double.isFinite(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String printable(char ch) {
        return ch == '\t' ? "\\t" : ch == '\r' ? "\\r" : String.valueOf(ch);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Refused(0, "the file is not UTF-8 text");
        }
    }

    /** Splits the text into records of fields, honouring quotes; blank lines are skipped. */
    private List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                    if (field.length() > limits.maxCellChars()) {
                        throw new Refused(
                                line, "a quoted value is longer than " + limits.maxCellChars() + " characters");
                    }
                }
                i++;
                continue;
            }
            if (ch == '"') {
                if (field.length() > 0 || wasQuoted) {
                    throw new Refused(
                            line, "a quote inside an unquoted value (quote the whole value and double the quote)");
                }
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                if (fields.size() > limits.maxColumns()) {
                    throw new Refused(line, "has more than " + limits.maxColumns() + " fields");
                }
            } else if (ch == '\n' || ch == '\r') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                if (!(fields.size() == 1 && fields.get(0).isBlank())) {
                    records.add(fields);
                    if (records.size() > (long) limits.maxRows() + 1) {
                        throw new Refused(0, "the file has more than " + limits.maxRows() + " rows");
                    }
                }
                fields = new ArrayList<>();
                if (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                line++;
            } else {
                if (wasQuoted) {
                    throw new Refused(line, "text after a closing quote (quote the whole value)");
                }
                field.append(ch);
                if (field.length() > limits.maxCellChars()) {
                    throw new Refused(line, "a value is longer than " + limits.maxCellChars() + " characters");
                }
            }
            i++;
        }
        if (quoted) {
            throw new Refused(line, "a quoted value is not closed before the end of the file");
        }
        fields.add(field.toString());
        if (!(fields.size() == 1 && fields.get(0).isBlank())) {
            records.add(fields);
        }
        return records;
    }
}
