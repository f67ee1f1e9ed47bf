package io.mabeam.datasets.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stores the datasets that ship with the platform (iris, penguins, titanic, mpg: see docs/training.md for
 * their origins and licences) when a node starts and the database lacks them. Nodes starting together may
 * race; the loser's insert fails on the name and is ignored.
 */
@Singleton
@Startup
@DependsOn("Database")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BundledDatasets {

    private static final Logger LOG = Logger.getLogger(BundledDatasets.class.getName());

    @EJB
    Datasets datasets;

    @PostConstruct
    void provide() {
        for (String name : Datasets.BUNDLED) {
            try (InputStream in = getClass().getResourceAsStream("/io/mabeam/datasets/bundled/" + name + ".csv")) {
                if (datasets.provideBundled(name, in.readAllBytes())) {
                    LOG.info(() -> "Stored the bundled dataset " + name);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, e, () -> "Bundled dataset " + name + " not stored (another node may have)");
            }
        }
    }
}
