//! The npm build's memory allocator (`--cfg maqal_compact_alloc`, set by `make pkg` and the
//! browser tests), ~0.4 KB of wasm where the standard dlmalloc takes ~5 KB. Rust teams keep
//! their own allocator: a cfg flag, unlike a Cargo feature, cannot be switched on for them by
//! another crate in their tree.
//!
//! Every block is a power of two in size (16 bytes at least) and aligned to its size; freed
//! blocks wait on one list per size for the next request of that size. The widget allocates
//! the same few shapes over and over (strings, Yew nodes), so blocks come back quickly. Memory is
//! never handed back: wasm memory cannot shrink anyway. Rounding up to powers of two wastes at
//! most half of each block.

const MIN_CLASS: u32 = 4;
const CLASSES: usize = usize::BITS as usize;

/// The allocator's state: free lists and the untouched memory at the end. Addresses are plain
/// numbers; the first word of a free block holds the next free block of its size (0 ends a list).
pub struct Heap {
    free: [usize; CLASSES],
    next: usize,
    end: usize,
}

impl Default for Heap {
    fn default() -> Self {
        Self::new()
    }
}

impl Heap {
    pub const fn new() -> Self {
        Heap {
            free: [0; CLASSES],
            next: 0,
            end: 0,
        }
    }

    /// The size class (log2 of the block size) that holds `size` bytes aligned to `align`.
    fn class(size: usize, align: usize) -> usize {
        let size = size.max(align).max(1 << MIN_CLASS);
        (usize::BITS - (size - 1).leading_zeros()) as usize
    }

    /// A block for `size` bytes aligned to `align` (a power of two), or 0 when memory runs out.
    /// `grow(bytes)` adds at least `bytes` of memory and says where: `(start, length)`.
    ///
    /// # Safety
    /// Every address this heap was given by `grow` must be writable memory owned by it alone.
    pub unsafe fn alloc(
        &mut self,
        size: usize,
        align: usize,
        mut grow: impl FnMut(usize) -> Option<(usize, usize)>,
    ) -> usize {
        let class = Self::class(size, align);
        if class >= CLASSES - 1 {
            return 0;
        }
        let head = self.free[class];
        if head != 0 {
            // SAFETY: a free block's first word holds the next free block's address.
            self.free[class] = unsafe { *(head as *const usize) };
            return head;
        }
        let block = 1usize << class;
        let mut contiguous = true;
        loop {
            // Near the top of the address space these sums overflow: that is out of memory too.
            let Some(start) = self
                .next
                .checked_add(block - 1)
                .map(|end| end & !(block - 1))
            else {
                return 0;
            };
            let Some(stop) = start.checked_add(block) else {
                return 0;
            };
            if stop <= self.end {
                // SAFETY: [next, start) is untouched memory of this heap.
                unsafe { self.release(self.next, start) };
                self.next = stop;
                return start;
            }
            // New memory normally follows the old, so only the shortfall is asked for; after an
            // answer that did not follow, twice the block, which holds an aligned block anywhere.
            let want = if contiguous {
                stop - self.end
            } else {
                2 * block
            };
            let Some((more, length)) = grow(want) else {
                return 0;
            };
            if more != self.end {
                // Not contiguous (or the first memory): the old tail joins the free lists.
                // SAFETY: [next, end) is untouched memory of this heap.
                unsafe { self.release(self.next, self.end) };
                self.next = more;
                contiguous = self.end == 0;
            }
            // Memory that reaches 4 GiB loses its last 16 bytes rather than wrap `end` to 0.
            self.end = more.saturating_add(length) & !((1 << MIN_CLASS) - 1);
        }
    }

    /// Takes back the block at `address`, allocated for `size` bytes aligned to `align`.
    ///
    /// # Safety
    /// `address` came from `alloc` with the same size and alignment, and is not used again.
    pub unsafe fn dealloc(&mut self, address: usize, size: usize, align: usize) {
        // SAFETY: the caller gives the block back.
        unsafe { self.push(Self::class(size, align), address) };
    }

    /// Whether a block allocated for `old` bytes also holds `new` bytes (same size class).
    pub fn fits(old: usize, new: usize, align: usize) -> bool {
        Self::class(old, align) == Self::class(new, align)
    }

    unsafe fn push(&mut self, class: usize, address: usize) {
        // SAFETY: the block is free and at least a word long.
        unsafe { *(address as *mut usize) = self.free[class] };
        self.free[class] = address;
    }

    /// Cuts `[from, to)` (16-byte aligned) into the largest aligned blocks and frees them.
    unsafe fn release(&mut self, mut from: usize, to: usize) {
        while to - from >= 1 << MIN_CLASS {
            let aligned = 1usize << from.trailing_zeros().min(CLASSES as u32 - 2);
            let mut block = aligned;
            while block > to - from {
                block >>= 1;
            }
            // SAFETY: the caller owns [from, to).
            unsafe { self.push(block.trailing_zeros() as usize, from) };
            from += block;
        }
    }
}

#[cfg(all(
    maqal_compact_alloc,
    target_arch = "wasm32",
    target_os = "unknown",
    not(target_feature = "atomics")
))]
mod global {
    use std::alloc::{GlobalAlloc, Layout};
    use std::cell::UnsafeCell;

    use super::Heap;

    const PAGE: usize = 65536;

    struct Global(UnsafeCell<Heap>);

    // SAFETY: wasm32 without the atomics feature has one thread.
    unsafe impl Sync for Global {}

    #[global_allocator]
    static GLOBAL: Global = Global(UnsafeCell::new(Heap::new()));

    /// Asks for `bytes` and 1 MB more (16 pages; the heap takes memory only as it needs it, and
    /// keeps what is left over). Asking for the shortfall alone, mostly one 64 KB page, made a
    /// page of 679 widgets grow its memory 674 times. Where an engine copies the whole memory on
    /// each grow (JavaScriptCore when it cannot give a memory its 4 GB reservation), that page
    /// took 5.2 s to draw in WebKitGTK, and takes 3.2 s now (mean of 20 loads each).
    fn grow(bytes: usize) -> Option<(usize, usize)> {
        let pages = bytes / PAGE + 16;
        let old = core::arch::wasm32::memory_grow(0, pages);
        (old != usize::MAX).then(|| (old * PAGE, pages * PAGE))
    }

    // SAFETY: one thread, and no call re-enters the heap while it is borrowed.
    unsafe impl GlobalAlloc for Global {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let heap = unsafe { &mut *self.0.get() };
            unsafe { heap.alloc(layout.size(), layout.align(), grow) as *mut u8 }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            let heap = unsafe { &mut *self.0.get() };
            unsafe { heap.dealloc(ptr as usize, layout.size(), layout.align()) }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            if Heap::fits(layout.size(), new_size, layout.align()) {
                return ptr;
            }
            let heap = unsafe { &mut *self.0.get() };
            let new = unsafe { heap.alloc(new_size, layout.align(), grow) } as *mut u8;
            if !new.is_null() {
                unsafe {
                    std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                    heap.dealloc(ptr as usize, layout.size(), layout.align());
                }
            }
            new
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Memory handed out 64 KB at a time from one buffer, as `memory.grow` would.
    struct Arena {
        buffer: Vec<u128>,
        used: usize,
    }

    impl Arena {
        fn new(bytes: usize) -> Self {
            Arena {
                buffer: vec![0; bytes / 16],
                used: 0,
            }
        }

        fn start(&self) -> usize {
            self.buffer.as_ptr() as usize
        }

        fn grow(&mut self, bytes: usize) -> Option<(usize, usize)> {
            let length = bytes.div_ceil(65536) * 65536;
            if self.used + length > self.buffer.len() * 16 {
                return None;
            }
            let start = self.start() + self.used;
            self.used += length;
            Some((start, length))
        }
    }

    struct Live {
        address: usize,
        size: usize,
        align: usize,
        tag: u8,
    }

    fn check(live: &Live) {
        let bytes = unsafe { std::slice::from_raw_parts(live.address as *const u8, live.size) };
        assert!(
            bytes.iter().all(|&b| b == live.tag),
            "a block was overwritten"
        );
    }

    #[test]
    fn blocks_are_aligned_disjoint_and_reused() {
        let mut arena = Arena::new(64 << 20);
        let mut heap = Heap::new();
        let mut live: Vec<Live> = Vec::new();
        let mut seed = 0x2545_f491_u64;
        let mut random = |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % below as u64) as usize
        };
        for round in 0..20_000 {
            if live.is_empty() || (live.len() < 500 && random(2) == 0) {
                let size = match random(20) {
                    0 => 1 + random(300_000),
                    1..=4 => 1 + random(4096),
                    _ => 1 + random(100),
                };
                let align = 1 << random(6);
                let address = unsafe { heap.alloc(size, align, |b| arena.grow(b)) };
                assert_ne!(address, 0, "out of memory at round {round}");
                assert_eq!(address % align, 0);
                assert!(address >= arena.start() && address + size <= arena.start() + arena.used);
                let tag = (round % 251) as u8;
                unsafe { std::ptr::write_bytes(address as *mut u8, tag, size) };
                live.push(Live {
                    address,
                    size,
                    align,
                    tag,
                });
            } else {
                let block = live.swap_remove(random(live.len()));
                check(&block);
                unsafe { heap.dealloc(block.address, block.size, block.align) };
            }
        }
        for block in &live {
            check(block);
        }
        for block in live.drain(..) {
            check(&block);
            unsafe { heap.dealloc(block.address, block.size, block.align) };
        }
    }

    #[test]
    fn freed_blocks_are_what_the_same_shapes_get_next() {
        let mut arena = Arena::new(16 << 20);
        let mut heap = Heap::new();
        let shapes = [
            (24, 8),
            (3000, 4),
            (100, 16),
            (70_000, 8),
            (24, 8),
            (1, 1),
            (500, 32),
        ];
        let first: Vec<usize> = shapes
            .iter()
            .map(|&(size, align)| unsafe { heap.alloc(size, align, |b| arena.grow(b)) })
            .collect();
        for (&address, &(size, align)) in first.iter().zip(&shapes) {
            unsafe { heap.dealloc(address, size, align) };
        }
        let mut again: Vec<usize> = shapes
            .iter()
            .map(|&(size, align)| unsafe { heap.alloc(size, align, |_| None) })
            .collect();
        let mut first = first;
        first.sort_unstable();
        again.sort_unstable();
        assert_eq!(again, first);
    }

    #[test]
    fn memory_that_does_not_follow_the_old_is_used_too() {
        let mut arena = Arena::new(64 << 20);
        let mut heap = Heap::new();
        let mut blocks = Vec::new();
        for i in 0..200 {
            let size = [24, 3000, 70_000, 200_000][i % 4];
            // A gap of one 64 KB page before every answer: no two pieces of memory touch.
            let address = unsafe {
                heap.alloc(size, 8, |b| {
                    arena.grow(1)?;
                    arena.grow(b)
                })
            };
            assert_ne!(address, 0, "out of memory at {i}");
            unsafe { std::ptr::write_bytes(address as *mut u8, i as u8, size) };
            blocks.push(Live {
                address,
                size,
                align: 8,
                tag: i as u8,
            });
        }
        blocks.iter().for_each(check);
    }

    #[test]
    fn addresses_near_the_top_are_out_of_memory_not_wrapped() {
        let mut heap = Heap::new();
        heap.next = usize::MAX - 31;
        heap.end = usize::MAX - 15;
        assert_eq!(unsafe { heap.alloc(1 << 20, 8, |_| None) }, 0);
        assert_eq!(heap.next, usize::MAX - 31);
    }

    #[test]
    fn running_out_of_memory_returns_null() {
        let mut arena = Arena::new(1 << 20);
        let mut heap = Heap::new();
        assert_eq!(unsafe { heap.alloc(2 << 20, 8, |b| arena.grow(b)) }, 0);
        assert_ne!(unsafe { heap.alloc(100, 8, |b| arena.grow(b)) }, 0);
    }

    #[test]
    fn a_block_grows_in_place_within_its_size() {
        assert!(Heap::fits(17, 32, 1));
        assert!(!Heap::fits(32, 33, 1));
        assert!(Heap::fits(8, 64, 64));
        assert!(!Heap::fits(8, 65, 64));
    }
}
