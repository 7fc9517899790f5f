/* Cost of a null hypercall from dom0 user space: xen_version(XENVER_version)
 * through privcmd's hypercall ioctl, N calls timed on dom0's clock, repeated
 * R times. Prints one line per repetition and the median, in ns per call.
 *   null_hypercall [N [R]]      (default 20000 calls, 5 repetitions) */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

/* Linux's privcmd ABI (include/uapi/xen/privcmd.h): an op and five args. */
struct privcmd_hypercall {
	uint64_t op;
	uint64_t arg[5];
};
#define IOCTL_PRIVCMD_HYPERCALL \
	_IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))

#define HYPERVISOR_xen_version 17
#define XENVER_version 0

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 20000;
	int reps = argc > 2 ? atoi(argv[2]) : 5;
	struct privcmd_hypercall call = { .op = HYPERVISOR_xen_version,
					  .arg = { XENVER_version } };
	double *ns;
	long version, i;
	int fd, r;

	if (n < 1 || reps < 1 || reps > 1000) {
		fprintf(stderr, "usage: null_hypercall [calls>0 [repetitions 1..1000]]\n");
		return 2;
	}
	fd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		fd = open("/proc/xen/privcmd", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		perror("null_hypercall: open privcmd");
		return 1;
	}
	version = ioctl(fd, IOCTL_PRIVCMD_HYPERCALL, &call);
	if (version < 0) {
		perror("null_hypercall: xen_version");
		return 1;
	}
	printf("xen_version %ld.%ld\n", version >> 16, version & 0xffff);
	ns = calloc((size_t)reps, sizeof(*ns));
	if (!ns)
		return 1;
	for (r = 0; r < reps; r++) {
		double t0 = now_ns();

		for (i = 0; i < n; i++) {
			if (ioctl(fd, IOCTL_PRIVCMD_HYPERCALL, &call) != version) {
				perror("null_hypercall: xen_version changed or failed");
				return 1;
			}
		}
		ns[r] = (now_ns() - t0) / (double)n;
		printf("rep %d: %.0f ns/call\n", r + 1, ns[r]);
	}
	qsort(ns, (size_t)reps, sizeof(*ns), cmp);
	printf("median %.0f ns/call (%ld calls x %d)\n",
	       reps % 2 ? ns[reps / 2] : (ns[reps / 2 - 1] + ns[reps / 2]) / 2, n, reps);
	free(ns);
	close(fd);
	return 0;
}
