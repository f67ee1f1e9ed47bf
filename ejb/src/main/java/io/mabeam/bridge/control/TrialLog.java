package io.mabeam.bridge.control;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines a trial's evaluation wrote (its worker's standard error, and what the bridge says about it), kept up
 * to a number of lines and characters: beyond them lines are counted, not kept.
 */
public final class TrialLog {

    public static final int MAX_LINES = 2_000;
    public static final int MAX_CHARS = 256 * 1024;
    static final int MAX_LINE = 4_000;

    private final List<String> lines = new ArrayList<>();
    private int chars;
    private long dropped;

    public synchronized void add(String line) {
        String kept = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + " …" : line;
        if (lines.size() >= MAX_LINES || chars + kept.length() > MAX_CHARS) {
            dropped++;
            return;
        }
        lines.add(kept);
        chars += kept.length() + 1;
    }

    /** A line from the platform itself, marked as such. */
    public void note(String text) {
        add("[mabeam] " + text);
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    public synchronized long dropped() {
        return dropped;
    }

    public synchronized boolean isEmpty() {
        return lines.isEmpty() && dropped == 0;
    }

    /** The log as text, one line each, with a last line counting what was not kept. */
    public synchronized String text() {
        StringBuilder text = new StringBuilder(chars + 64);
        for (String line : lines) {
            text.append(line).append('\n');
        }
        if (dropped > 0) {
            text.append("[mabeam] ").append(dropped).append(" more line(s) not kept\n");
        }
        return text.toString();
    }
}
