/*
 * Serial input: characters from the console UART go to dom0 (read with
 * CONSOLEIO_read after a VIRQ_CONSOLE) or to the hypervisor. Three CTRL-a in
 * a row switch between the two, as on Xen.
 */
#include <xenlet/console.h>
#include <xenlet/event.h>
#include <xenlet/lib.h>
#include <xenlet/spinlock.h>

#define INPUT_RING_SIZE 1024
#define CTRL_A          0x01

static char ring[INPUT_RING_SIZE];
static unsigned int prod, cons;          /* guarded by lock */
static spinlock_t lock = SPINLOCK_INIT;
static bool to_hypervisor;
static unsigned int ctrl_a_run;

static void switch_input(void)
{
    to_hypervisor = !to_hypervisor;
    printk("*** Serial input to %s (type 'CTRL-a' three times to switch input)\n",
           to_hypervisor ? "Xenlet" : "DOM0");
}

void console_input_char(char c)
{
    if (c == CTRL_A) {
        if (++ctrl_a_run == 3) {
            ctrl_a_run = 0;
            switch_input();
        }
        return;
    }
    ctrl_a_run = 0;
    if (to_hypervisor) {
        if (c == 'h' || c == '?')
            printk("Xenlet: no debug keys yet; CTRL-a x3 returns input to dom0\n");
        return;
    }
    spin_lock(&lock);
    if (prod - cons < INPUT_RING_SIZE)
        ring[prod++ % INPUT_RING_SIZE] = c;
    spin_unlock(&lock);
    send_guest_global_virq(domain_by_id(0), VIRQ_CONSOLE);
}

size_t console_input_read(char *buf, size_t size)
{
    size_t n = 0;

    spin_lock(&lock);
    while (n < size && cons != prod)
        buf[n++] = ring[cons++ % INPUT_RING_SIZE];
    spin_unlock(&lock);
    return n;
}
