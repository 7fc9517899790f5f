/* Mapping other domains' frames into this process (over the OS layer). */
#include <errno.h>
#include <stdlib.h>

#include "xc_private.h"

void *xc_map_foreign_bulk(xc_interface *xch, uint32_t dom, int prot,
			  const xen_pfn_t *arr, int *err, unsigned int num)
{
	return xch->ops->map_foreign(xch, dom, prot, arr, err, num);
}

void *xc_map_foreign_pages(xc_interface *xch, uint32_t dom, int prot,
			   const xen_pfn_t *arr, int num)
{
	int *err;
	void *p;
	int i;

	if (num <= 0) {
		errno = EINVAL;
		return NULL;
	}
	err = calloc((size_t)num, sizeof(*err));
	if (!err)
		return NULL;
	p = xc_map_foreign_bulk(xch, dom, prot, arr, err, (unsigned int)num);
	for (i = 0; p && i < num; i++) {
		if (err[i]) {
			xc_unmap(xch, p, (size_t)num);
			errno = err[i] < 0 ? -err[i] : err[i];
			p = NULL;
		}
	}
	free(err);
	return p;
}

void *xc_map_foreign_range(xc_interface *xch, uint32_t dom, int size,
			   int prot, unsigned long mfn)
{
	int num = (int)((size + XC_PAGE_SIZE - 1) >> XC_PAGE_SHIFT);
	xen_pfn_t *arr;
	void *p;
	int i;

	if (size <= 0) {
		errno = EINVAL;
		return NULL;
	}
	arr = calloc((size_t)num, sizeof(*arr));
	if (!arr)
		return NULL;
	for (i = 0; i < num; i++)
		arr[i] = mfn + (unsigned long)i;
	p = xc_map_foreign_pages(xch, dom, prot, arr, num);
	free(arr);
	return p;
}

int xc_unmap(xc_interface *xch, void *addr, size_t npages)
{
	return xch->ops->unmap(xch, addr, npages);
}

void *xc_map_resource(xc_interface *xch, uint32_t domid, unsigned int type,
		      unsigned int id, unsigned long frame,
		      unsigned long nr_frames, int prot)
{
	if (!xch->ops->map_resource) {
		errno = EOPNOTSUPP;
		return NULL;
	}
	return xch->ops->map_resource(xch, domid, type, id, frame, nr_frames,
				      prot);
}
