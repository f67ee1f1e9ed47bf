package io.mabeam.it;

import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import java.util.HashMap;
import java.util.Map;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Payara Micro's Arquillian container, with one deployment shared by every test class that deploys the same
 * archive. The connector boots a Payara Micro process per deployment (about 30 s here) and Arquillian deploys
 * per test class, so without this the boot cost grew with every class. The first class to deploy
 * {@code mabeam.war} boots the node; later classes get its address; the node is undeployed, and the process
 * ended, when Arquillian stops the container at the end of the test run. Classes share the node's database,
 * so each test arranges its own state under names of its own.
 */
public class SharedDeploymentContainer extends PayaraMicroDeployableContainer {

    private final Map<String, ProtocolMetaData> deployed = new HashMap<>();
    private final Map<String, Archive<?>> archives = new HashMap<>();

    @Override
    public synchronized ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        ProtocolMetaData running = deployed.get(archive.getName());
        if (running != null) {
            return running;
        }
        if (!deployed.isEmpty()) {
            // one Payara Micro process runs one deployment: a second archive would need a node of its own
            throw new DeploymentException("the shared node already runs " + deployed.keySet() + "; " + archive.getName()
                    + " needs a container of its own");
        }
        ProtocolMetaData metaData = super.deploy(archive);
        deployed.put(archive.getName(), metaData);
        archives.put(archive.getName(), archive);
        return metaData;
    }

    /** Kept for the next class; {@link #stop()} ends it. */
    @Override
    public void undeploy(Archive<?> archive) {}

    @Override
    public synchronized void stop() throws LifecycleException {
        try {
            for (Archive<?> archive : archives.values()) {
                super.undeploy(archive);
            }
        } catch (DeploymentException e) {
            throw new LifecycleException("could not end the shared node", e);
        } finally {
            deployed.clear();
            archives.clear();
            super.stop();
        }
    }

    /** Registered in {@code META-INF/services}: replaces the container that Payara's own extension registers. */
    public static class Extension implements LoadableExtension {
        @Override
        public void register(ExtensionBuilder builder) {
            builder.override(
                    DeployableContainer.class, PayaraMicroDeployableContainer.class, SharedDeploymentContainer.class);
        }
    }
}
