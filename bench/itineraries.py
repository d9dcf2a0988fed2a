#!/usr/bin/env python3
"""Synthetic itineraries for `waishi import itineraries` (the benchmark's crisis query).

usage: itineraries.py LEGS FILE.csv [--seed N]

People abroad travel to real cities (coordinates as published for each city centre), the
most visited ones more often, each leg placed within some 30 km of the centre; a person has
one to four consecutive legs of 2 to 10 days, beginning within 180 days before or after
today. Deterministic for a seed.
"""
import argparse
import datetime
import random

# (country, city, lat, lon, weight): destinations of travellers from Zhejiang, with a few
# far places (the antimeridian, the far north and south) so that every region has legs.
CITIES = [
    ("JP", "Tokyo", 35.6895, 139.6917, 60), ("JP", "Osaka", 34.6937, 135.5023, 40),
    ("KR", "Seoul", 37.5665, 126.9780, 50), ("KR", "Busan", 35.1796, 129.0756, 15),
    ("TH", "Bangkok", 13.7563, 100.5018, 45), ("SG", "Singapore", 1.3521, 103.8198, 40),
    ("MY", "Kuala Lumpur", 3.1390, 101.6869, 25), ("VN", "Ho Chi Minh City", 10.8231, 106.6297, 25),
    ("VN", "Hanoi", 21.0278, 105.8342, 15), ("ID", "Jakarta", -6.2088, 106.8456, 20),
    ("ID", "Denpasar", -8.6705, 115.2126, 15), ("PH", "Manila", 14.5995, 120.9842, 15),
    ("AE", "Dubai", 25.2048, 55.2708, 30), ("TR", "Istanbul", 41.0082, 28.9784, 15),
    ("IN", "Mumbai", 19.0760, 72.8777, 10), ("IN", "New Delhi", 28.6139, 77.2090, 10),
    ("DE", "Frankfurt", 50.1109, 8.6821, 25), ("DE", "Aachen", 50.7753, 6.0839, 10),
    ("DE", "Munich", 48.1351, 11.5820, 15), ("DE", "Hamburg", 53.5511, 9.9937, 10),
    ("FR", "Paris", 48.8566, 2.3522, 30), ("FR", "Rouen", 49.4432, 1.0999, 5),
    ("GB", "London", 51.5074, -0.1278, 30), ("GB", "Nottingham", 52.9548, -1.1581, 5),
    ("IT", "Milan", 45.4642, 9.1900, 15), ("IT", "Rome", 41.9028, 12.4964, 15),
    ("ES", "Madrid", 40.4168, -3.7038, 10), ("ES", "Barcelona", 41.3874, 2.1686, 10),
    ("NL", "Amsterdam", 52.3676, 4.9041, 10), ("BE", "Brussels", 50.8503, 4.3517, 5),
    ("CH", "Zurich", 47.3769, 8.5417, 5), ("AT", "Vienna", 48.2082, 16.3738, 5),
    ("HU", "Budapest", 47.4979, 19.0402, 8), ("RO", "Bucharest", 44.4268, 26.1025, 5),
    ("PL", "Warsaw", 52.2297, 21.0122, 5), ("CZ", "Prague", 50.0755, 14.4378, 5),
    ("RU", "Moscow", 55.7558, 37.6173, 15), ("RU", "Vladivostok", 43.1198, 131.8869, 5),
    ("US", "New York", 40.7128, -74.0060, 30), ("US", "Los Angeles", 34.0522, -118.2437, 25),
    ("US", "San Francisco", 37.7749, -122.4194, 15), ("US", "Houston", 29.7604, -95.3698, 8),
    ("US", "Anchorage", 61.2181, -149.9003, 2), ("US", "Honolulu", 21.3069, -157.8583, 4),
    ("CA", "Vancouver", 49.2827, -123.1207, 15), ("CA", "Toronto", 43.6532, -79.3832, 15),
    ("MX", "Mexico City", 19.4326, -99.1332, 5), ("BR", "São Paulo", -23.5505, -46.6333, 8),
    ("AR", "Buenos Aires", -34.6037, -58.3816, 4), ("CL", "Santiago", -33.4489, -70.6693, 4),
    ("PE", "Lima", -12.0464, -77.0428, 3), ("ZA", "Johannesburg", -26.2041, 28.0473, 6),
    ("ZA", "Gqeberha", -33.9608, 25.6022, 2), ("EG", "Cairo", 30.0444, 31.2357, 6),
    ("KE", "Nairobi", -1.2921, 36.8219, 5), ("NG", "Lagos", 6.5244, 3.3792, 5),
    ("ET", "Addis Ababa", 8.9806, 38.7578, 4), ("AU", "Sydney", -33.8688, 151.2093, 20),
    ("AU", "Melbourne", -37.8136, 144.9631, 15), ("NZ", "Auckland", -36.8485, 174.7633, 8),
    ("FJ", "Suva", -18.1416, 178.4419, 2), ("WS", "Apia", -13.8333, -171.7667, 1),
    ("NO", "Longyearbyen", 78.2232, 15.6267, 1), ("AQ", "McMurdo Station", -77.8419, 166.6863, 1),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华文辉建国晓燕志宇浩昊波鑫婷雪琳佳欣怡思远海鹏飞亮红兰"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("legs", type=int)
    ap.add_argument("file")
    ap.add_argument("--seed", type=int, default=20261203)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    weights = [c[4] for c in CITIES]
    today = datetime.date.today()
    written, person = 0, 0
    with open(a.file, "w", encoding="utf-8", newline="\n") as out:
        out.write("person_id,name,phone,email,country,city,lat,lon,from,to\n")
        while written < a.legs:
            person += 1
            name = rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.randint(1, 2)))
            phone = "13%09d" % rnd.randrange(10**9)
            day = today + datetime.timedelta(days=rnd.randint(-180, 180))
            for _ in range(min(rnd.randint(1, 4), a.legs - written)):
                country, city, lat, lon, _w = rnd.choices(CITIES, weights)[0]
                # within some 30 km of the centre (0.27° of latitude is 30 km)
                plat = max(-90.0, min(90.0, lat + rnd.gauss(0, 0.27)))
                plon = lon + rnd.gauss(0, 0.27)
                plon = plon - 360 if plon > 180 else plon + 360 if plon < -180 else plon
                days = rnd.randint(2, 10)
                end = day + datetime.timedelta(days=days - 1)
                out.write(f"P{person},{name},{phone},,{country},{city},{plat:.5f},{plon:.5f},"
                          f"{day.isoformat()},{end.isoformat()}\n")
                written += 1
                day = end + datetime.timedelta(days=1)


if __name__ == "__main__":
    main()
