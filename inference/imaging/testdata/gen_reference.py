#!/usr/bin/python3
"""Regenerates the image fixtures for package imaging, which the ViT-GPT2
preprocessing tests in inference/vitgpt2 also read.

Run from this directory with Debian's python3-pil and python3-numpy:

    /usr/bin/python3 gen_reference.py

It writes small input images (input_*.png), what the Hugging Face
ViTImageProcessor pipeline makes of each (expected_*.png: PIL
convert("RGB") then Image.resize((224, 224), BILINEAR), the uint8 image the
float tensor is an affine map of), exact float32 tensor samples for the
affine part (reference.json), and one small file per container format
(format_*) made with ImageMagick's `convert` for the loader tests.

transformers itself is not installed here; its steps are reproduced with the
same dtypes: image_transforms.resize hands a uint8 array to PIL unchanged,
rescale multiplies in float64 and casts to float32, normalize subtracts and
divides by float32 arrays.
"""

import json
import math
import os
import subprocess

import numpy as np
from PIL import Image, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))
SIZE = (224, 224)


def path(name):
    return os.path.join(HERE, name)


def photo(w, h, seed):
    """A photo-like RGB pattern: gradients, shapes, fine lines, a noise patch."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    r = x * 255.0 / max(w - 1, 1)
    g = y * 255.0 / max(h - 1, 1)
    b = 128.0 + 90.0 * np.sin(x / (w / 9.0)) * np.cos(y / (h / 7.0))
    arr = np.clip(np.stack([r, g, b], axis=-1) + 0.5, 0, 255).astype(np.uint8)
    im = Image.fromarray(arr, "RGB")
    d = ImageDraw.Draw(im)
    d.ellipse([w * 0.10, h * 0.15, w * 0.40, h * 0.55], fill=(250, 240, 30))
    d.rectangle([w * 0.55, h * 0.10, w * 0.90, h * 0.35], fill=(20, 20, 160), outline=(255, 255, 255))
    d.polygon([(w * 0.2, h * 0.9), (w * 0.5, h * 0.6), (w * 0.7, h * 0.95)], fill=(200, 30, 90))
    for i in range(0, int(w * 0.3), 3):  # one-pixel stripes: aliasing-prone detail
        d.line([(w * 0.6 + i, h * 0.5), (w * 0.6 + i, h * 0.7)], fill=(0, 0, 0))
    d.line([(0, h - 3), (w - 1, 2)], fill=(255, 255, 255), width=1)
    rng = np.random.RandomState(seed)
    n = max(4, min(w, h) // 8)
    patch = rng.randint(0, 256, size=(n, n, 3), dtype=np.uint8)
    im.paste(Image.fromarray(patch, "RGB"), (int(w * 0.05), int(h * 0.65)))
    return im


def make_inputs():
    inputs = {}
    inputs["input_photo_640x480.png"] = photo(640, 480, 1)
    inputs["input_small_100x50.png"] = photo(100, 50, 2)
    inputs["input_exact_224x224.png"] = photo(224, 224, 3)
    inputs["input_tall_90x700.png"] = photo(90, 700, 4)
    inputs["input_wide_500x224.png"] = photo(500, 224, 8)  # Pillow runs the horizontal pass only

    # RGBA with varying alpha, including fully transparent pixels whose stored
    # colour is vivid: convert("RGB") must keep it, not blend or zero it.
    base = np.array(photo(300, 200, 5))
    alpha = np.tile(np.linspace(0, 255, 300).astype(np.uint8), (200, 1))
    alpha[40:90, 20:120] = 0
    base[40:90, 20:120] = (255, 0, 255)
    alpha[120:180, 200:280] = 0
    inputs["input_rgba_300x200.png"] = Image.fromarray(np.dstack([base, alpha]), "RGBA")

    inputs["input_gray_333x250.png"] = photo(333, 250, 6).convert("L")

    pal = photo(256, 180, 7).quantize(colors=64)
    pal.info["transparency"] = 0  # a tRNS chunk; convert("RGB") ignores it
    inputs["input_palette_256x180.png"] = pal
    return inputs


def vit_tensor(rgb224, rescale, mean, std):
    """transformers' rescale + normalize, same dtypes, NCHW float32."""
    arr = np.asarray(rgb224)
    scaled = (arr.astype(np.float64) * rescale).astype(np.float32)
    m = np.array(mean, dtype=np.float32)
    s = np.array(std, dtype=np.float32)
    norm = (scaled - m) / s
    return norm.transpose(2, 0, 1)[None]


def samples(t, seed):
    rng = np.random.RandomState(seed)
    pos = [(0, 0, 0), (1, 0, 223), (2, 223, 0), (0, 223, 223), (1, 111, 112)]
    pos += [tuple(int(v) for v in (rng.randint(3), rng.randint(224), rng.randint(224))) for _ in range(11)]
    return [{"c": c, "y": y, "x": x, "value": float(t[0, c, y, x])} for c, y, x in pos]


CONFIGS = [
    # vit-gpt2-image-captioning's preprocessor_config.json
    {"name": "vit-gpt2", "rescale_factor": 1 / 255, "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5]},
    # ImageNet statistics: an affine map that is not symmetric
    {"name": "imagenet", "rescale_factor": 1 / 255, "image_mean": [0.485, 0.456, 0.406],
     "image_std": [0.229, 0.224, 0.225]},
]


def make_formats():
    """One small file per container format, from a four-colour source."""
    src = np.zeros((48, 64, 3), dtype=np.uint8)
    src[:24, :32] = (220, 30, 30)
    src[:24, 32:] = (30, 200, 60)
    src[24:, :32] = (40, 60, 210)
    src[24:, 32:] = (240, 240, 240)
    Image.fromarray(src, "RGB").save(path("format_source.png"))
    s = path("format_source.png")
    alpha = np.full((48, 64), 255, dtype=np.uint8)
    alpha[:, 32:] = 128  # right half half-transparent
    Image.fromarray(np.dstack([src, alpha]), "RGBA").save(path("format_source_rgba.png"))
    sa = path("format_source_rgba.png")
    cmds = [
        ["convert", s, "-strip", "-quality", "90", path("format_baseline.jpg")],
        ["convert", s, "-strip", "-quality", "90", "-interlace", "JPEG", path("format_progressive.jpg")],
        ["convert", s, "-strip", "-quality", "90", "-colorspace", "Gray", path("format_gray.jpg")],
        # libjpeg stores ImageMagick's CMYK as YCCK (Adobe transform 2)
        ["convert", s, "-strip", "-quality", "90", "-colorspace", "CMYK", path("format_ycck.jpg")],
        ["convert", s, "(", s, "-flip", "-rotate", "180", ")", "-strip", "-loop", "0", path("format_anim.gif")],
        ["convert", s, "-strip", "bmp3:" + path("format_image.bmp")],
        ["convert", s, "-strip", "-compress", "lzw", path("format_image.tiff")],
        ["convert", s, "-strip", "-quality", "90", "webp:" + path("format_lossy.webp")],
        ["convert", s, "-strip", "-define", "webp:lossless=true", "webp:" + path("format_lossless.webp")],
        ["convert", sa, "-strip", "-quality", "90", "webp:" + path("format_alpha.webp")],
        ["convert", sa, "-strip", "bmp:" + path("format_alpha.bmp")],
    ]
    for c in cmds:
        subprocess.run(c, check=True)
    # Pillow stores CMYK as plain (Adobe transform 0), inverted CMYK
    Image.open(s).convert("CMYK").save(path("format_cmyk.jpg"), quality=90)


def main():
    ref = {"note": "generated by gen_reference.py; values are exact float32", "images": []}
    for name, im in sorted(make_inputs().items()):
        kw = {"transparency": im.info["transparency"]} if "transparency" in im.info else {}
        im.save(path(name), optimize=True, **kw)
        # Read back what was saved, exactly as the pipeline would.
        src = Image.open(path(name))
        rgb = src.convert("RGB").resize(SIZE, Image.BILINEAR)
        exp = "expected_" + name[len("input_"):]
        rgb.save(path(exp), optimize=True)
        entry = {"input": name, "mode": src.mode, "expected": exp, "configs": []}
        if name == "input_photo_640x480.png":
            bic = src.convert("RGB").resize(SIZE, Image.BICUBIC)
            bic.save(path("expected_photo_640x480_bicubic.png"), optimize=True)
            entry["expected_bicubic"] = "expected_photo_640x480_bicubic.png"
        for i, cfg in enumerate(CONFIGS):
            t = vit_tensor(rgb, cfg["rescale_factor"], cfg["image_mean"], cfg["image_std"])
            assert t.dtype == np.float32 and t.shape == (1, 3, 224, 224)
            assert all(math.isfinite(v) for v in t.flat[:10])
            entry["configs"].append(dict(cfg, samples=samples(t, i)))
        ref["images"].append(entry)
    with open(path("reference.json"), "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")
    make_formats()


if __name__ == "__main__":
    main()
