package io.github.stagingtarget.launch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks a port nobody listens on at the moment, on the loopback interface. */
final class FreePort {

    private FreePort() {}

    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LaunchException("Could not find a free port on the loopback interface", e);
        }
    }
}
