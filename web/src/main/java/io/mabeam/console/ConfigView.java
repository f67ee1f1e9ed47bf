package io.mabeam.console;

import io.mabeam.foundation.config.boundary.ConfigServer;
import io.mabeam.foundation.config.entity.ConfigChange;
import io.mabeam.foundation.config.entity.ConfigSchema;
import io.mabeam.foundation.config.entity.ConfigSetting;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
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
