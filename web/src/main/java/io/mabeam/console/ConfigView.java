package io.mabeam.console;

import io.mabeam.foundation.config.boundary.ConfigServer;
import io.mabeam.foundation.config.entity.ConfigChange;
import io.mabeam.foundation.config.entity.ConfigSchema;
import io.mabeam.foundation.config.entity.ConfigSetting;
import io.mabeam.foundation.config.entity.ConfigType;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

/** The console's configuration page: every setting, and for the one selected an editor and its history. */
@Named
@ViewScoped
public class ConfigView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient ConfigServer server;

    @Inject
    transient Messages messages;

    private List<ConfigSetting> settings;
    private String selected;
    private String value;
    private String comment;
    private List<ConfigChange> history;

    private String newKey;
    private String newType = "string";
    private String newMinimum;
    private String newMaximum;
    private String newAllowed;
    private String newDefault;
    private String newDescription;

    /** Declares a new setting (or changes a declared one's schema) from the form. */
    public void declare() {
        try {
            ConfigSchema schema;
            try {
                schema = new ConfigSchema(
                        newKey == null ? null : newKey.trim(),
                        ConfigType.of(newType),
                        decimal(newMinimum),
                        decimal(newMaximum),
                        newAllowed == null || newAllowed.isBlank()
                                ? List.of()
                                : Arrays.stream(newAllowed.split(","))
                                        .map(String::trim)
                                        .filter(v -> !v.isEmpty())
                                        .toList(),
                        blankToNull(newDefault),
                        blankToNull(newDescription));
            } catch (IllegalArgumentException e) {
                messages.error(e.getMessage());
                return;
            }
            server.declare(schema, false);
            messages.info(schema.key() + " is declared");
            settings = null;
            newKey = newMinimum = newMaximum = newAllowed = newDefault = newDescription = null;
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    private static BigDecimal decimal(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
    }

    public List<String> getTypes() {
        return Arrays.stream(ConfigType.values())
                .map(type -> type.name().toLowerCase(Locale.ROOT))
                .toList();
    }

    public List<ConfigSetting> getSettings() {
        if (settings == null) {
            settings = server.settings();
        }
        return settings;
    }

    public void select(String key) {
        selected = key;
        value = server.setting(key).value();
        comment = null;
        history = null;
    }

    public void save() {
        try {
            var setting = server.set(selected, value, null, blankToNull(comment));
            messages.info(selected + " is " + setting.entry().value() + " (version "
                    + setting.entry().version() + ")");
            refresh();
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public void unset() {
        try {
            server.unset(selected, null, blankToNull(comment));
            messages.info(selected + " is back to its default");
            refresh();
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public void rollback(long version) {
        try {
            var setting = server.rollback(selected, version, null, blankToNull(comment));
            messages.info(selected + " has the value of version " + version + " again (version "
                    + setting.entry().version() + ")");
            refresh();
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    private void refresh() {
        settings = null;
        history = null;
        comment = null;
    }

    public List<ConfigChange> getHistory() {
        if (history == null && selected != null) {
            history = server.history(selected, 50);
        }
        return history;
    }

    public String describeSchema(ConfigSchema schema) {
        StringBuilder text = new StringBuilder(schema.type().name().toLowerCase(Locale.ROOT));
        if (schema.minimum() != null || schema.maximum() != null) {
            text.append(" ")
                    .append(schema.minimum() == null ? "…" : schema.minimum().toPlainString())
                    .append("–")
                    .append(schema.maximum() == null ? "…" : schema.maximum().toPlainString());
        }
        if (!schema.allowedValues().isEmpty()) {
            text.append(" ").append(String.join(" | ", schema.allowedValues()));
        }
        return text.toString();
    }

    /** What MicroProfile Config resolves on this node, and from where (environment variables win). */
    public String effective(String key) {
        ConfigValue resolved = ConfigProvider.getConfig().getConfigValue(key);
        return resolved.getValue() == null ? "(none)" : resolved.getValue() + " from " + resolved.getSourceName();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    public String getNewKey() {
        return newKey;
    }

    public void setNewKey(String newKey) {
        this.newKey = newKey;
    }

    public String getNewType() {
        return newType;
    }

    public void setNewType(String newType) {
        this.newType = newType;
    }

    public String getNewMinimum() {
        return newMinimum;
    }

    public void setNewMinimum(String newMinimum) {
        this.newMinimum = newMinimum;
    }

    public String getNewMaximum() {
        return newMaximum;
    }

    public void setNewMaximum(String newMaximum) {
        this.newMaximum = newMaximum;
    }

    public String getNewAllowed() {
        return newAllowed;
    }

    public void setNewAllowed(String newAllowed) {
        this.newAllowed = newAllowed;
    }

    public String getNewDefault() {
        return newDefault;
    }

    public void setNewDefault(String newDefault) {
        this.newDefault = newDefault;
    }

    public String getNewDescription() {
        return newDescription;
    }

    public void setNewDescription(String newDescription) {
        this.newDescription = newDescription;
    }

    public String getSelected() {
        return selected;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }
}
