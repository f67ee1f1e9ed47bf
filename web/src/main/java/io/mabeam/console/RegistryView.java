package io.mabeam.console;

import io.mabeam.foundation.registry.boundary.Registry;
import io.mabeam.foundation.registry.entity.RegistryEntry;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The console's registry page: the entries of one namespace, filtered by metadata, refreshed live. */
@Named
@ViewScoped
public class RegistryView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Registry registry;

    @Inject
    transient Messages messages;

    private String namespace = Registry.PRODUCTION;
    private String query;
    private List<RegistryEntry> entries;

    public void show() {
        try {
            entries = registry.find(namespace, null, metadata());
        } catch (RuntimeException e) {
            entries = new ArrayList<>();
            messages.problem(e);
        }
    }

    public void unregister(String name) {
        try {
            registry.unregister(namespace, name);
            messages.info("Removed " + name + " from " + namespace);
        } catch (RuntimeException e) {
            messages.problem(e);
        }
        show();
    }

    public String unmet(RegistryEntry entry) {
        return entry.kind() == RegistryEntry.Kind.SERVICE ? String.join(", ", registry.unmetDependencies(entry)) : "";
    }

    private Map<String, String> metadata() {
        Map<String, String> fields = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("[,\\s]+")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    fields.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        return fields;
    }

    public List<String> getNamespaces() {
        List<String> names = new ArrayList<>(registry.namespaceSizes().keySet());
        if (!names.contains(Registry.PRODUCTION)) {
            names.add(0, Registry.PRODUCTION);
        }
        return names;
    }

    public List<RegistryEntry> getEntries() {
        if (entries == null) {
            show();
        }
        return entries;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }
}
