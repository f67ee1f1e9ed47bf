package io.mabeam.foundation.config.boundary;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The config server as a MicroProfile ConfigSource: what this node's {@link ConfigCache} holds (stored
 * values, else declared defaults). Its ordinal, 250, sits below environment variables (300) and system
 * properties (400), which therefore override it, and above {@code microprofile-config.properties} (100).
 * MicroProfile Config instantiates it through the ServiceLoader; the cache fills it.
 */
public class ConfigServerSource implements ConfigSource {

    public static final String NAME = "mabeam-config-server";
    public static final int ORDINAL = 250;
    private static final Map<String, String> VALUES = new ConcurrentHashMap<>();

    static void put(String key, String value) {
        if (value == null) {
            VALUES.remove(key);
        } else {
            VALUES.put(key, value);
        }
    }

    static String current(String key) {
        return VALUES.get(key);
    }

    static void replaceAll(Map<String, String> values) {
        VALUES.keySet().retainAll(values.keySet());
        VALUES.putAll(values);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.copyOf(VALUES.keySet());
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.copyOf(VALUES);
    }

    @Override
    public String getValue(String propertyName) {
        return VALUES.get(propertyName);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
