//! The rasterizer against the rules it follows: pixel centres, the top-left rule, and
//! premultiplied blending.

use super::*;
