package io.corral.bench.load;

/** Told, on the thread running the benchmark, when a measured window opens and when it closes. */
public interface WindowListener {
    void windowOpened();

    void windowClosed();

    /** Tells {@code first}, then {@code second}, at opening; the reverse at closing. */
    static WindowListener both(WindowListener first, WindowListener second) {
        return new WindowListener() {
            @Override
            public void windowOpened() {
                first.windowOpened();
                second.windowOpened();
            }

            @Override
            public void windowClosed() {
                second.windowClosed();
                first.windowClosed();
            }
        };
    }

    WindowListener NONE = new WindowListener() {
        @Override
        public void windowOpened() {
        }

        @Override
        public void windowClosed() {
        }
    };
}
