#!/usr/bin/env python3
"""Writes Biotrack's SpeciesNet-shaped TEST classifier into this folder.

TEST MODEL: random weights, its classifications mean nothing. It exists so that the worker's
classification stage, its refusals and its parity with SpeciesNet's own code can be tested without
downloading SpeciesNet (about 200 MB, Kaggle). It has SpeciesNet's contract (docs/species.md):
float32 NHWC input [B, 480, 480, 3] in [0, 1], logits [B, len(labels)] out, one label per line in
SpeciesNet's 7-field format. The labels are real SpeciesNet taxa (uuids as in SpeciesNet's tests);
the geofence rules are made up for the tests, not SpeciesNet's.

Run with Debian's python3-torch (1.13): /usr/bin/python3 models/testing-classifier/make_testing_classifier.py
The output is deterministic for a given torch version (fixed seed, traced TorchScript).
"""
import hashlib
import json
import pathlib

import torch

HERE = pathlib.Path(__file__).resolve().parent
MODEL = "biotrack-test-classifier.torchscript"

LABELS = [
    "f1856211-cfb7-4a5b-9158-c0f72fd09ee6;;;;;;blank",
    "1f689929-883d-4dae-958c-3d57ab5b6c16;;;;;;animal",
    "990ae9dd-7a59-4344-afcb-1b7b21368000;mammalia;primates;hominidae;homo;sapiens;human",
    "e2895ed5-780b-48f6-8a11-9e27cb594511;;;;;;vehicle",
    "f2d233e3-80e3-433d-9687-e29ecc7a467a;mammalia;;;;;mammal",
    "eeeb5d26-2a47-4d01-a3de-10b33ec0aee4;mammalia;carnivora;;;;carnivorous mammal",
    "90d950db-2106-4bd9-a4c1-777604c3eada;mammalia;rodentia;;;;rodent",
    "df8514b0-10a5-411f-8ed6-0f415e8153a3;mammalia;carnivora;felidae;;;cat family",
    "ec1a70f4-41c0-4aba-9150-292fb2b7a324;mammalia;carnivora;ursidae;;;bear family",
    "05afbf7e-f878-4534-b08f-c97a02435474;mammalia;carnivora;felidae;leopardus;;leopardus species",
    "fbb23d07-6677-43db-b650-f99ac452c50f;mammalia;carnivora;felidae;panthera;;panthera species",
    "5a0f5e3f-c634-4b86-910a-b105cb526a24;mammalia;carnivora;ursidae;ursus;;ursus species",
    "22976d14-d424-4f18-a67a-d8e1689cefcc;mammalia;carnivora;felidae;leopardus;pardalis;ocelot",
    "442208b3-d712-412e-bfd3-430688698aa0;mammalia;carnivora;felidae;leopardus;wiedii;margay",
    "c5ae795b-300f-4cc7-99f7-e2c2d2810a87;mammalia;carnivora;felidae;leopardus;tigrinus;northern tiger cat",
    "44e7f637-f8db-4252-9804-7c200fd6516c;mammalia;carnivora;felidae;neofelis;nebulosa;clouded leopard",
    "9c564562-9429-405c-8529-04cff7752282;mammalia;carnivora;felidae;puma;concolor;puma",
    "ddf59264-185a-4d35-b647-2785792bdf54;mammalia;carnivora;felidae;panthera;leo;lion",
    "e588253d-d61d-4149-a96c-8c245927a80f;mammalia;carnivora;felidae;felis;margarita;sand cat",
    "330bb1e9-84d6-4e41-afa9-938aee17ea29;mammalia;carnivora;ursidae;ursus;arctos;brown bear",
    "436ddfdd-bc43-44c3-a25d-34671d3430a0;mammalia;carnivora;ursidae;ursus;americanus;american black bear",
    "e7f83bf6-df2c-4ce0-97fc-2f233df23ec4;mammalia;carnivora;ursidae;ursus;maritimus;polar bear",
    "85662682-67c1-4ecb-ba05-ba12e2df6b65;mammalia;carnivora;ursidae;ailuropoda;melanoleuca;giant panda",
    "3d80f1d6-b1df-4966-9ff4-94053c7a902a;mammalia;carnivora;canidae;canis;familiaris;domestic dog",
    "09fbf931-bbf0-4959-9df6-1082db578281;mammalia;cetartiodactyla;bovidae;connochaetes;taurinus;common wildebeest",
    "9732cefb-6a08-49f6-b61e-b9a9054368c4;mammalia;cetartiodactyla;bovidae;syncerus;caffer;african buffalo",
    "aca65aaa-8c6d-4b69-94de-842b08b13bd6;mammalia;cetartiodactyla;bovidae;bos;taurus;domestic cattle",
    "ccd7d6d7-8eb2-4fdb-a6d6-f1970847e449;mammalia;cetartiodactyla;suidae;phacochoerus;africanus;common warthog",
    "55631055-3e0e-4b7a-9612-dedebe9f78b0;mammalia;proboscidea;elephantidae;loxodonta;africana;african elephant",
]

# Made-up rules in SpeciesNet's geofence format, one of each kind the ensemble knows.
GEOFENCE = {
    # allow list of whole countries and one US state
    "mammalia;carnivora;ursidae;ursus;maritimus": {
        "allow": {"CAN": [], "GRL": [], "NOR": [], "RUS": [], "USA": ["AK"]}},
    # allow list of countries only
    "mammalia;carnivora;felidae;panthera;leo": {
        "allow": {"KEN": [], "TZA": [], "ZAF": [], "BWA": [], "IND": []}},
    "mammalia;proboscidea;elephantidae;loxodonta;africana": {
        "allow": {"KEN": [], "TZA": [], "ZAF": [], "BWA": []}},
    # allowed country with a state blocked
    "mammalia;carnivora;ursidae;ursus;americanus": {
        "allow": {"USA": [], "CAN": [], "MEX": []}, "block": {"USA": ["HI"]}},
    # a whole country blocked
    "mammalia;carnivora;ursidae;ailuropoda;melanoleuca": {"block": {"USA": [], "KEN": []}},
}


class TestClassifier(torch.nn.Module):
    """Tiny random network with SpeciesNet's contract: NHWC [B, 480, 480, 3] -> logits [B, N]."""

    def __init__(self, classes):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(3, 8, kernel_size=8, stride=8)
        self.conv2 = torch.nn.Conv2d(8, 16, kernel_size=4, stride=4)
        self.head = torch.nn.Linear(16 * 15 * 15, classes)

    def forward(self, x):
        x = x.permute(0, 3, 1, 2)  # SpeciesNet's weights are a Keras conversion: channels last in
        x = torch.relu(self.conv1(x))
        x = torch.relu(self.conv2(x))
        # sharpened so that the softmax is not flat: the tests need some confident classes
        return self.head(x.flatten(1)) * 40.0


def main():
    torch.manual_seed(20261206)
    model = TestClassifier(len(LABELS)).eval()
    with torch.no_grad():
        traced = torch.jit.trace(model, torch.rand(2, 480, 480, 3))
    out = HERE / MODEL
    traced.save(str(out))
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    (HERE / (MODEL + ".sha256")).write_text(f"{digest}  {MODEL}\n")
    (HERE / "labels.txt").write_text("\n".join(LABELS) + "\n", encoding="utf-8")
    (HERE / "taxonomy_release.txt").write_text("\n".join(LABELS) + "\n", encoding="utf-8")
    (HERE / "geofence_release.json").write_text(json.dumps(GEOFENCE, indent=1, sort_keys=True) + "\n")
    info = {
        "version": "biotrack-test-classifier-1",
        "type": "always_crop",
        "classifier": MODEL,
        "classifier_labels": "labels.txt",
        "detector": "md_v5a.0.0.pt",
        "taxonomy": "taxonomy_release.txt",
        "geofence": "geofence_release.json",
        "test_model": True,
        "note": "TEST MODEL: random weights, classifications mean nothing (make_testing_classifier.py)",
    }
    (HERE / "info.json").write_text(json.dumps(info, indent=1) + "\n")
    print(out, out.stat().st_size, "bytes", digest)


if __name__ == "__main__":
    main()
