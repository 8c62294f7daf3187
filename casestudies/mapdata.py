"""A simplified outline of Sweden (WGS 84, longitude/latitude) for the overview map.

Drawn from memory of the coastline and the borders at roughly 20 km detail: enough to place
municipalities recognisably, with no map tiles and no request to anyone else's server.
"""

import math

MAINLAND = [
    (13.36, 55.34),
    (13.82, 55.43),
    (14.35, 55.55),
    (14.20, 55.85),
    (14.30, 55.98),
    (14.86, 56.16),
    (15.59, 56.16),
    (16.05, 56.30),
    (16.36, 56.66),
    (16.55, 57.00),
    (16.64, 57.76),
    (16.60, 58.20),
    (16.85, 58.60),
    (17.40, 58.75),
    (17.95, 58.90),
    (18.40, 59.10),
    (18.90, 59.40),
    (18.75, 59.85),
    (18.45, 60.35),
    (17.70, 60.60),
    (17.20, 60.70),
    (17.30, 61.20),
    (17.10, 61.73),
    (17.40, 62.40),
    (17.95, 62.63),
    (18.70, 63.29),
    (19.60, 63.55),
    (20.30, 63.80),
    (20.90, 64.20),
    (21.20, 64.75),
    (21.50, 65.30),
    (22.15, 65.58),
    (23.10, 65.75),
    (24.15, 65.83),
    (23.65, 66.50),
    (23.90, 66.90),
    (23.37, 67.21),
    (23.40, 67.80),
    (22.48, 68.44),
    (21.00, 68.90),
    (20.55, 69.06),
    (20.00, 68.40),
    (18.12, 68.43),
    (17.90, 67.97),
    (16.40, 67.50),
    (16.00, 67.00),
    (15.20, 66.40),
    (14.50, 66.10),
    (14.10, 65.60),
    (13.70, 64.90),
    (13.20, 64.60),
    (12.10, 63.90),
    (12.10, 63.32),
    (12.30, 62.30),
    (12.20, 62.10),
    (12.85, 61.35),
    (12.30, 61.05),
    (12.60, 60.50),
    (12.20, 59.90),
    (11.80, 59.85),
    (11.45, 59.00),
    (11.17, 58.93),
    (11.43, 58.27),
    (11.85, 57.70),
    (12.25, 57.10),
    (12.85, 56.67),
    (12.85, 56.43),
    (12.69, 56.04),
    (12.99, 55.60),
    (13.15, 55.37),
]
OLAND = [(16.40, 56.20), (16.55, 56.50), (16.95, 57.35), (16.75, 57.20), (16.40, 56.60)]
GOTLAND = [
    (18.10, 56.90),
    (18.50, 57.20),
    (18.80, 57.60),
    (19.10, 57.95),
    (18.70, 57.90),
    (18.30, 57.60),
    (18.15, 57.40),
]
SHAPES = [MAINLAND, OLAND, GOTLAND]

WEST, EAST, SOUTH, NORTH = 10.8, 24.5, 55.1, 69.3
SCALE = 40
LONGITUDE_FACTOR = math.cos(math.radians(62))
WIDTH = round((EAST - WEST) * LONGITUDE_FACTOR * SCALE)
HEIGHT = round((NORTH - SOUTH) * SCALE)


def project(longitude, latitude):
    """Equirectangular projection centred on 62° N, in SVG user units."""
    x = (float(longitude) - WEST) * LONGITUDE_FACTOR * SCALE
    y = (NORTH - float(latitude)) * SCALE
    return round(x, 1), round(y, 1)


def outline_paths():
    paths = []
    for shape in SHAPES:
        points = [project(lon, lat) for lon, lat in shape]
        paths.append("M" + " L".join(f"{x},{y}" for x, y in points) + " Z")
    return paths
