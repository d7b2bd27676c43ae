package app.lantern.local;

/**
 * Where instance {@code i} (from 0) of each service listens in the local stack: its usual port + 100 i. With one
 * instance, checkin-service takes 8080 itself; with several they listen on 8180, 8280, ... behind the round-robin
 * front on 8080. Management: checkin-service 9080 + 100 i; alert-service and notifier-service serve it on their
 * only port.
 */
record InstancePorts(int checkin, int checkinManagement, int alert, int notifier) {

	static InstancePorts of(int instance, int instances) {
		int step = 100 * instance;
		return new InstancePorts(instances == 1 ? 8080 : 8180 + step, 9080 + step, 8081 + step, 8082 + step);
	}

	/** The ports where each service's readiness answers. */
	int[] management() {
		return new int[] { checkinManagement, alert, notifier };
	}
}
