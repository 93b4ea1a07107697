import pytest

from lt_fake import FakeLanguageTool  # noqa: E402  (tests/ is on sys.path under pytest's rootdir-less import)


@pytest.fixture
def fake_lt():
    server = FakeLanguageTool()
    yield server
    server.close()
