/* xl console: connect the terminal to the domain's console pty (from
 * xenconsoled, via console/tty); CTRL-] leaves. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "xl.h"

#define ESCAPE 0x1d     /* CTRL-] */

int main_console(int argc, char **argv)
{
    struct termios saved, raw;
    bool tty = isatty(STDIN_FILENO);
    uint32_t domid;
    char *path = NULL;
    int fd, opt, rc = 0;

    optind = 1;
    while ((opt = getopt(argc, argv, "t:n:")) != -1)
        ;
    if (optind >= argc) {
        fprintf(stderr, "'xl console' requires at least 1 argument.\n");
        return 2;
    }
    if (find_domain(argv[optind], &domid))
        return 1;
    for (int i = 0; i < 50 && !(path = libxl_console_tty(ctx, domid)); i++)
        usleep(100000);                 /* xenconsoled may not have caught up yet */
    if (!path) {
        fprintf(stderr, "xl: domain %u has no console (is xenconsoled running?)\n", domid);
        return 1;
    }
    fd = open(path, O_RDWR | O_NOCTTY);
    if (fd < 0) {
        fprintf(stderr, "xl: cannot open %s: %s\n", path, strerror(errno));
        free(path);
        return 1;
    }
    free(path);
    if (tty && tcgetattr(STDIN_FILENO, &saved) == 0) {
        raw = saved;
        cfmakeraw(&raw);
        tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    }
    for (;;) {
        struct pollfd p[2] = { { .fd = fd, .events = POLLIN }, { .fd = STDIN_FILENO, .events = POLLIN } };
        char buf[4096];
        ssize_t n;

        if (poll(p, 2, -1) < 0 && errno != EINTR)
            break;
        if (p[0].revents & (POLLIN | POLLHUP)) {
            n = read(fd, buf, sizeof(buf));
            if (n <= 0)
                break;
            if (write(STDOUT_FILENO, buf, (size_t)n) < 0)
                break;
        }
        if (p[1].revents & (POLLIN | POLLHUP)) {
            n = read(STDIN_FILENO, buf, sizeof(buf));
            if (n <= 0)
                break;                  /* input closed: detach */
            if (memchr(buf, ESCAPE, (size_t)n))
                break;
            if (write(fd, buf, (size_t)n) < 0) {
                rc = 1;
                break;
            }
        }
    }
    if (tty)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    close(fd);
    return rc;
}
