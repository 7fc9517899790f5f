/*
 * Just enough of the flattened device tree format to read /chosen/bootargs
 * (the xl config's extra=): the structure block is a stream of big-endian
 * tokens; a property names itself by an offset into the strings block.
 */
#include "guest.h"

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9

static uint32_t be32(const void *p)
{
    const uint8_t *b = p;

    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static int streq(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

static const char *find_bootargs(const uint8_t *dtb)
{
    uint32_t total, off_struct, off_strings, size_struct, pos = 0;

    if (!dtb || be32(dtb) != FDT_MAGIC)
        return 0;
    total = be32(dtb + 4);
    off_struct = be32(dtb + 8);
    off_strings = be32(dtb + 12);
    size_struct = be32(dtb + 36);
    if (total > (2u << 20) || off_struct >= total || size_struct > total - off_struct)
        return 0;
    while (pos + 4 <= size_struct) {
        const uint8_t *t = dtb + off_struct + pos;
        uint32_t tok = be32(t), len;

        pos += 4;
        switch (tok) {
        case FDT_BEGIN_NODE:
            pos += (uint32_t)strlen((const char *)t + 4) + 1;
            pos = (pos + 3) & ~3u;
            break;
        case FDT_PROP:
            len = be32(t + 4);
            if (streq((const char *)dtb + off_strings + be32(t + 8), "bootargs") && len)
                return (const char *)t + 12;
            pos += 8 + ((len + 3) & ~3u);
            break;
        case FDT_END_NODE:
        case FDT_NOP:
            break;
        default:
            return 0;
        }
    }
    return 0;
}

long bootarg_number(const void *dtb, const char *key)
{
    const char *s = find_bootargs(dtb);
    size_t klen = strlen(key);

    while (s && *s) {
        const char *k = key;
        size_t i = 0;

        while (i < klen && s[i] == k[i])
            i++;
        if (i == klen && s[i] == '=' && s[i + 1] >= '0' && s[i + 1] <= '9') {
            long v = 0;

            for (s += i + 1; *s >= '0' && *s <= '9'; s++)
                v = v * 10 + (*s - '0');
            return v;
        }
        while (*s && *s != ' ')
            s++;
        while (*s == ' ')
            s++;
    }
    return -1;
}
