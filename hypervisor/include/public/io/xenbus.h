/* Xen 4.17 ABI: the states a split driver's frontend and backend publish in
 * their "state" nodes of XenStore. */
#ifndef XENLET_PUBLIC_IO_XENBUS_H
#define XENLET_PUBLIC_IO_XENBUS_H

enum xenbus_state {
	XenbusStateUnknown = 0,
	XenbusStateInitialising = 1,
	XenbusStateInitWait = 2,     /* backend: set up, waiting for the frontend */
	XenbusStateInitialised = 3,  /* frontend: ring and event channel published */
	XenbusStateConnected = 4,
	XenbusStateClosing = 5,
	XenbusStateClosed = 6,
	XenbusStateReconfiguring = 7,
	XenbusStateReconfigured = 8,
};

typedef enum xenbus_state XenbusState;

#endif
